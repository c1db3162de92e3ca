using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// How long <c>/alerts mute</c> holds a target's alerts: <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1w</c>, <c>1h30m</c>,
/// <c>90s</c>, or <c>hh:mm[:ss]</c> / <c>d.hh:mm:ss</c>; between <see cref="Min"/> and <see cref="Max"/>.
/// </summary>
public static partial class MuteDuration
{
    /// <summary>The shortest mute.</summary>
    public static TimeSpan Min { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest mute: past a week, the target should come out of the configuration instead.</summary>
    public static TimeSpan Max { get; } = TimeSpan.FromDays(7);

    /// <summary>Examples for messages.</summary>
    public const string Examples = "30m, 2h, 1d, 1h30m or 00:30:00";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what to type instead.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.Zero;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            problem = $"How long? For example {Examples}.";
            return false;
        }

        if (!TryRead(t, out duration))
        {
            problem = t.All(char.IsAsciiDigit) && t.Length <= 6
                ? $"\"{t}\" needs a unit: {t}m for minutes, {t}h for hours, {t}d for days."
                : $"I cannot read \"{Clip(t)}\" as a duration. Use for example {Examples}.";
            return false;
        }

        if (duration < Min)
        {
            problem = "A mute lasts at least 1 minute.";
            return false;
        }

        if (duration > Max)
        {
            problem = "A mute lasts at most 7 days. For longer, an operator removes the target from Monitor:Targets.";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>Whether <paramref name="word"/> has the shape of a duration (even an out-of-range one).</summary>
    public static bool LooksLikeDuration(string word) => TryRead(word.Trim(), out _) || (word.Length <= 6 && word.All(char.IsAsciiDigit));

    /// <summary>A duration in words: <c>2 h</c>, <c>1 h 30 min</c>, <c>3 d 4 h</c>.</summary>
    public static string Describe(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Max(0, (int)duration.TotalSeconds)} s";
        }

        var parts = new StringBuilder();
        void Add(int value, string unit)
        {
            if (value > 0)
            {
                parts.Append(parts.Length > 0 ? " " : "").Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
            }
        }

        Add(duration.Days, "d");
        Add(duration.Hours, "h");
        if (duration.Days == 0)
        {
            Add(duration.Minutes, "min");
        }

        return parts.Length == 0 ? "1 min" : parts.ToString();
    }

    private static bool TryRead(string t, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (t.Length is 0 or > 24)
        {
            return false;
        }

        if (t.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(t, ["h\\:mm", "hh\\:mm", "h\\:mm\\:ss", "hh\\:mm\\:ss", "d\\.hh\\:mm\\:ss"], CultureInfo.InvariantCulture, out duration);
        }

        var match = Parts().Match(t);
        if (!match.Success)
        {
            return false;
        }

        var total = TimeSpan.Zero;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = long.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            total += match.Groups["u"].Captures[i].Value.ToLowerInvariant() switch
            {
                "w" => TimeSpan.FromDays(7 * n),
                "d" => TimeSpan.FromDays(n),
                "h" => TimeSpan.FromHours(n),
                "m" or "min" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }

        duration = total;
        return true;
    }

    private static string Clip(string word) => Intake.SecretLike.Clip(word);

    [GeneratedRegex(@"^(?:(?<n>\d{1,5})(?<u>min|w|d|h|m|s))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Parts();
}

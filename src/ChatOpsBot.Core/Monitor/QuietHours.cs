using System.Globalization;

namespace ChatOpsBot.Core.Monitor;

/// <summary>A daily window (may cross midnight) in a time zone during which reminders and recovery notices wait.</summary>
public sealed class QuietHours
{
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly TimeZoneInfo _zone;

    private QuietHours(TimeOnly start, TimeOnly end, TimeZoneInfo zone)
    {
        _start = start;
        _end = end;
        _zone = zone;
    }

    /// <summary>Never quiet.</summary>
    public static QuietHours None { get; } = new(default, default, TimeZoneInfo.Utc);

    /// <summary>True when <paramref name="at"/> falls inside the window.</summary>
    public bool IsQuiet(DateTimeOffset at)
    {
        if (_start == _end)
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);
        return _start < _end ? local >= _start && local < _end : local >= _start || local < _end;
    }

    /// <summary>Reads the settings; null and a problem naming the setting when they are wrong.</summary>
    public static QuietHours? TryCreate(QuietHoursSettings? settings, out string? problem)
    {
        problem = null;
        if (settings is null || (string.IsNullOrWhiteSpace(settings.Start) && string.IsNullOrWhiteSpace(settings.End)))
        {
            return None;
        }

        const string Prefix = "Monitor:QuietHours";
        if (!TimeOnly.TryParseExact(settings.Start?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            problem = $"{Prefix}:Start must be a time like 22:00 (and {Prefix}:End like 07:00)."; // never the value: settings may be secrets
            return null;
        }

        if (!TimeOnly.TryParseExact(settings.End?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            problem = $"{Prefix}:End must be a time like 07:00.";
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(settings.TimeZone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone.Trim());
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                problem = $"{Prefix}:TimeZone is not a time zone this machine knows: use an IANA name such as Europe/Berlin, or UTC.";
                return null;
            }
        }

        return new QuietHours(start, end, zone);
    }
}

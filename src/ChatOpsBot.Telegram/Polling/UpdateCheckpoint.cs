using System.Globalization;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Every update below <paramref name="Offset"/> was taken; of those at or above it, <paramref name="TakenAbove"/> were
/// taken too (out of order: another chat's update was still in progress).
/// </summary>
public sealed record UpdateCheckpoint(int Offset, IReadOnlyList<int> TakenAbove)
{
    public UpdateCheckpoint(int offset)
        : this(offset, [])
    {
    }

    /// <summary>As text: the offset; then, when some were taken above it, a second line of their ids (comma-separated).</summary>
    public string Format()
    {
        var text = Offset.ToString(CultureInfo.InvariantCulture);
        return TakenAbove.Count == 0 ? text : text + "\n" + string.Join(",", TakenAbove.Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads what <see cref="Format"/> wrote; null when <paramref name="text"/> is not that (garbage is never an offset).</summary>
    public static UpdateCheckpoint? Parse(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries);
        if (!int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var taken = lines.Length > 1
            ? lines[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                      .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                      .OfType<int>().Where(id => id >= offset).Distinct().Order().ToList()
            : [];
        return new UpdateCheckpoint(offset, taken);
    }

    public bool Equals(UpdateCheckpoint? other) => other is not null && Offset == other.Offset && TakenAbove.SequenceEqual(other.TakenAbove);

    public override int GetHashCode() => HashCode.Combine(Offset, TakenAbove.Count);
}

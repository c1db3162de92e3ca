using System.Globalization;
using System.Text;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// Reads <c>Discord:ShardIds</c>: one id (<c>2</c>), a range (<c>0-3</c>), or a comma list of both (<c>0-3,8,10-11</c>).
/// Parts may not overlap: Discord accepts two sessions of one shard, and then every event of its servers would be
/// handled twice (two answers to each command). A message never repeats a part that is not made of ids (a value in
/// the wrong setting may be a secret); it says which part.
/// </summary>
public static class ShardIdList
{
    /// <summary>The most shards one process runs: a typo such as <c>0-100000</c> must not open a hundred thousand sockets.</summary>
    public const int MaxPerProcess = 1024;

    /// <summary>The ids in ascending order, or a sentence saying what is wrong (it quotes only the offending part, never other settings).</summary>
    public static bool TryParse(string? text, out int[] ids, out string problem)
    {
        ids = [];
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "Discord:ShardIds is empty; write one id (2), a range (0-3) or a list (0-3,8).";
            return false;
        }

        var ranges = new List<(int First, int Last, string Text)>();
        var parts = text.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (!TryParseRange(part, out var first, out var last, out var why))
            {
                var which = parts.Length == 1 ? "the value" : $"part {i + 1} of {parts.Length}";
                problem = $"Discord:ShardIds: {which} {why}; write one id (2), a range (0-3) or a list (0-3,8).";
                return false;
            }

            ranges.Add((first, last, part));
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        for (var i = 1; i < ranges.Count; i++)
        {
            var (previous, current) = (ranges[i - 1], ranges[i]);
            if (current.First <= previous.Last)
            {
                var shared = Math.Min(previous.Last, current.Last);
                var overlap = current.First == shared ? $"shard {shared}" : $"shards {current.First}-{shared}";
                problem = $"Discord:ShardIds: {previous.Text} and {current.Text} overlap ({overlap} would connect twice and answer every command twice). List each shard once.";
                return false;
            }
        }

        var count = ranges.Sum(r => (long)r.Last - r.First + 1);
        if (count > MaxPerProcess)
        {
            problem = $"Discord:ShardIds names {count} shards; one process runs at most {MaxPerProcess}. Split them across processes.";
            return false;
        }

        ids = [.. ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))];
        return true;
    }

    /// <summary>The ids written back compactly (<c>0-3, 8</c>), for log lines and messages.</summary>
    public static string Describe(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        for (var i = 0; i < ids.Count;)
        {
            var j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            text.Append(text.Length > 0 ? ", " : "").Append(ids[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                text.Append('-').Append(ids[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return text.ToString();
    }

    private static bool TryParseRange(string part, out int first, out int last, out string why)
    {
        first = last = 0;
        why = "";
        if (part.Length == 0)
        {
            why = "is empty (a stray comma?)";
            return false;
        }

        var dash = part.IndexOf('-', 1); // a leading '-' is a negative number, refused below
        var (a, b) = dash < 0 ? (part, part) : (part[..dash].Trim(), part[(dash + 1)..].Trim());
        if (!TryParseId(a, out first) || !TryParseId(b, out last))
        {
            why = "is not a shard id or a range of them (ids are whole numbers from 0)";
            return false;
        }

        if (last < first)
        {
            why = $"runs backwards; write {last}-{first}";
            return false;
        }

        return true;
    }

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}

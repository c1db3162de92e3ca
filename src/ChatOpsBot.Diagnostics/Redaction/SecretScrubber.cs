using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// The one scrubber on every outbound path (replies, alerts, logs). It replaces every secret registered with it —
/// and every run of 12 or more of its characters, since providers echo parts of keys — and everything shaped like a
/// key or token, by a shown form (<see cref="KeyMask.Show"/>). Thread-safe; one instance per process, a DI singleton
/// (registered by <c>AddDiagnostics</c>, <c>AddSecretScrubbing</c> and the adapters' <c>Add…</c>, whichever runs first).
/// </summary>
public sealed partial class SecretScrubber
{
    /// <summary>Registered secrets shorter than this are ignored: they would scrub ordinary words.</summary>
    public const int MinSecretLength = 8;

    /// <summary>Fragments of a registered secret this long or longer are scrubbed too.</summary>
    public const int FragmentLength = 12;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Registered> _registered = new(StringComparer.Ordinal);
    private ImmutableArray<Entry> _entries = [];

    /// <summary>How many distinct secrets (forms) are registered now.</summary>
    public int Count => _entries.Length;

    /// <summary>Replaces every known secret and every key-shaped string in <paramref name="text"/> by its shown form.</summary>
    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var entries = _entries;
        if (!entries.IsEmpty)
        {
            text = ScrubRegistered(text, entries);
        }

        // A replacement can make a new masked echo with what stands before it ("r8_d" + "…eY3" reads as a masked
        // Replicate key): go again until nothing changes, so scrubbing scrubbed text changes nothing (a few rounds at
        // most: every round only shortens what it touches).
        for (var round = 0; round < 4; round++)
        {
            var next = ScrubPatterns(text);
            if (string.Equals(next, text, StringComparison.Ordinal))
            {
                break;
            }

            text = next;
        }

        return text;
    }

    private static string ScrubPatterns(string text)
    {
        text = ScrubKeyShapes(text);
        text = BearerRegex().Replace(text, ShowValue);
        text = QueryKeyRegex().Replace(text, ShowValue);
        text = HeaderKeyRegex().Replace(text, ShowValue);
        text = WebhookTokenRegex().Replace(text, static m => string.Concat(m.Groups["pre"].ValueSpan, "…"));
        return UrlUserInfoRegex().Replace(text, static m => string.Concat(m.Groups["pre"].ValueSpan, "…@"));
    }

    /// <summary>A scrubbed deep copy of <paramref name="node"/>: every string value passes through <see cref="Scrub"/>.</summary>
    public JsonNode? ScrubJson(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var copy = node.DeepClone();
        ScrubInPlace(copy);
        return copy;
    }

    /// <summary>
    /// <paramref name="json"/> with every string value scrubbed, written again as JSON: unlike <see cref="Scrub"/> on
    /// the text, a replacement can never eat the JSON's own quotes or escapes. Text that is not JSON is scrubbed as text.
    /// </summary>
    public string ScrubJsonText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return Scrub(json);
        }

        return ScrubJson(node)?.ToJsonString() ?? "null";
    }

    private void ScrubInPlace(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        obj[name] = JsonValue.Create(Scrub(s));
                    }
                    else if (value is not null)
                    {
                        ScrubInPlace(value);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        array[i] = JsonValue.Create(Scrub(s));
                    }
                    else if (array[i] is { } child)
                    {
                        ScrubInPlace(child);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Finds key shapes in runs of characters keys can hold (found with vectorised search, so prose costs little).
    /// Within a run, shapes are looked for at every start position, not only after the previous match, so a key
    /// glued to the end of another key-like run ("sk-abc" + a Telegram token) is not left half-visible; overlapping
    /// matches merge.
    /// </summary>
    internal static string ScrubKeyShapes(string text)
    {
        List<(int Start, int End, string? Shown)>? ranges = null;
        var span = text.AsSpan();
        var pos = 0;
        while (pos < span.Length)
        {
            var start = span[pos..].IndexOfAny(TokenChars);
            if (start < 0)
            {
                break;
            }

            start += pos;
            var length = span[start..].IndexOfAnyExcept(TokenChars);
            length = length < 0 ? span.Length - start : length;
            pos = start + length;
            var run = span.Slice(start, length);
            if (length >= 16 || (length >= 4 && run.ContainsAny(MaskChars)))
            {
                FindShapes(text, start, length, ref ranges);
            }
        }

        return ranges is null ? text : ReplaceRanges(text, ranges);
    }

    private static void FindShapes(string text, int start, int length, ref List<(int Start, int End, string? Shown)>? ranges)
    {
        var regex = KeyShapeRegex();
        var end = start + length;
        var coveredTo = 0;
        for (var m = regex.Match(text, start, length); m.Success;)
        {
            var matchEnd = m.Index + m.Length;
            if (matchEnd > coveredTo)
            {
                (ranges ??= []).Add((m.Index, matchEnd, m.Groups["p"].Success
                    ? string.Concat(m.Groups["p"].ValueSpan, KeyMask.Ellipsis, LastFour(m.Groups["tail"].ValueSpan))
                    : IsCut(text.AsSpan(matchEnd))
                        ? Keys.KeyShapes.Identify(m.Value).Prefix + KeyMask.Ellipsis // a truncated copy ends mid-key
                        : KeyMask.Show(m.Value)));
                coveredTo = matchEnd;
            }

            // A match that starts inside a covered stretch and runs past it starts at most this far back: the
            // covering match stopped at a character (".", ":", a mask) that the other shape's prefix part holds.
            var next = Math.Max(m.Index + 1, coveredTo - RestartWindow);
            m = next < end ? regex.Match(text, next, end - next) : Match.Empty;
        }
    }

    private const int RestartWindow = 96;

    private static bool IsCut(ReadOnlySpan<char> after) =>
        after.StartsWith("..", StringComparison.Ordinal) || after.StartsWith("…", StringComparison.Ordinal) || after.StartsWith("**", StringComparison.Ordinal);

    private static string ShowValue(Match m) => string.Concat(m.Groups["pre"].ValueSpan, KeyMask.Show(m.Groups["val"].Value));

    private static ReadOnlySpan<char> LastFour(ReadOnlySpan<char> tail) => tail.Length > 4 ? tail[^4..] : tail;

    private static string ScrubRegistered(string text, ImmutableArray<Entry> entries)
    {
        List<(int Start, int End, string? Shown)>? ranges = null;
        foreach (var entry in entries)
        {
            for (var i = text.IndexOf(entry.Secret, StringComparison.Ordinal); i >= 0;
                 i = text.IndexOf(entry.Secret, i + entry.Secret.Length, StringComparison.Ordinal))
            {
                (ranges ??= []).Add((i, i + entry.Secret.Length, entry.Shown));
            }

            FindFragments(text, entry, static (list, start, end) => list.Add((start, end, null)), ref ranges);
        }

        // Providers echo keys in other encodings too: look again in the text as it reads once JSON escapes, URL
        // escapes and HTML entities are decoded and white space is gone (a key wrapped every few characters). Matches
        // there map back to the stretch of the original text they came from, which is hidden whole.
        if (DecodedView.Create(text) is { } view)
        {
            foreach (var entry in entries)
            {
                for (var i = view.Text.IndexOf(entry.Secret, StringComparison.Ordinal); i >= 0;
                     i = view.Text.IndexOf(entry.Secret, i + entry.Secret.Length, StringComparison.Ordinal))
                {
                    (ranges ??= []).Add(view.Original(i, i + entry.Secret.Length));
                }

                FindFragments(view.Text, entry, (list, start, end) => list.Add(view.Original(start, end)), ref ranges);
            }
        }

        if (ranges is null)
        {
            return text;
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return ReplaceRanges(text, ranges);
    }

    /// <summary>Every 12-character fragment of the secret (or of its base64 forms) in <paramref name="text"/>.</summary>
    private static void FindFragments(
        string text,
        Entry entry,
        Action<List<(int Start, int End, string? Shown)>, int, int> add,
        ref List<(int Start, int End, string? Shown)>? ranges)
    {
        if (entry.Fragments is not { } fragments || text.Length < FragmentLength)
        {
            return;
        }

        // A fragment lies inside a run of the secret's own characters: look only in runs long enough.
        var span = text.AsSpan();
        var pos = 0;
        while (pos < span.Length)
        {
            var start = span[pos..].IndexOfAny(entry.SecretChars);
            if (start < 0)
            {
                break;
            }

            start += pos;
            var length = span[start..].IndexOfAnyExcept(entry.SecretChars);
            length = length < 0 ? span.Length - start : length;
            pos = start + length;
            for (var i = start; i <= pos - FragmentLength; i++)
            {
                if (fragments.Contains(span.Slice(i, FragmentLength)))
                {
                    add(ranges ??= [], i, i + FragmentLength);
                }
            }
        }
    }

    /// <summary>Replaces sorted, possibly overlapping ranges; a merged range takes its first replacement.</summary>
    private static string ReplaceRanges(string text, List<(int Start, int End, string? Shown)> ranges)
    {
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        var k = 0;
        while (k < ranges.Count)
        {
            var (start, end, shown) = ranges[k++];
            while (k < ranges.Count && ranges[k].Start <= end)
            {
                end = Math.Max(end, ranges[k].End);
                shown ??= ranges[k].Shown;
                k++;
            }

            sb.Append(text, pos, start - pos).Append(shown ?? KeyMask.Ellipsis);
            pos = end;
        }

        return sb.Append(text, pos, text.Length - pos).ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Key hygiene: the offline, instant first stage (design.md §The engine, step 1). Finds what people do to keys on the
/// way (newlines, quotes, "Bearer ", placeholders, masked copies, keys of another platform) and says exactly what and
/// where, without ever repeating the key.
/// </summary>
public static partial class KeyInspector
{
    /// <summary>Inspects <paramref name="raw"/> as a key meant for <paramref name="expected"/>.</summary>
    /// <param name="raw">The key exactly as received, or null.</param>
    /// <param name="expected">The provider it is meant for.</param>
    /// <param name="source">Where it came from (stdin and files may carry one trailing newline legitimately).</param>
    /// <param name="origin">Where it was read from, for messages (e.g. "OPENAI_API_KEY"); never the key.</param>
    public static KeyInspection Inspect(string? raw, ProviderId expected, KeySource source, string? origin)
    {
        var subject = string.IsNullOrWhiteSpace(origin) ? "The key" : $"The value of {origin}";
        if (raw is null || raw.Length == 0)
        {
            var detail = raw is not null ? $"{subject} is empty."
                : string.IsNullOrWhiteSpace(origin) ? $"No {expected.DisplayName()} key was given."
                : $"{origin} is not set.";
            return new(null, [Create(VerdictCodes.KeyMissing, expected, detail, new JsonObject { ["length"] = 0 })], KeyShape.Unknown);
        }

        var findings = new List<Finding>();
        var s = raw;
        var offset = 0;

        // echo, heredocs and editors end stdin and files with one newline: expected there, a problem elsewhere.
        if (source is KeySource.StandardInput or KeySource.File)
        {
            s = s.EndsWith("\r\n", StringComparison.Ordinal) ? s[..^2] : s.EndsWith('\n') ? s[..^1] : s;
        }

        if (s.All(InvisibleChars.IsInvisible))
        {
            var detail = s.Length == 0 ? $"{subject} holds only a newline." : $"{subject} holds only white space, no key.";
            return new(null, [Create(VerdictCodes.KeyMissing, expected, detail, new JsonObject { ["length"] = raw.Length })], KeyShape.Unknown);
        }

        var blanks = new List<Blank>();
        string? quoteDetail = null;
        string? bearerDetail = null;
        var changed = true;
        while (changed && s.Length > 0)
        {
            changed = false;
            while (s.Length > 0 && InvisibleChars.IsInvisible(s[0]))
            {
                blanks.Add(new(s[0], offset, Where.Start));
                s = s[1..];
                offset++;
            }

            while (s.Length > 0 && InvisibleChars.IsInvisible(s[^1]))
            {
                blanks.Add(new(s[^1], offset + s.Length - 1, Where.End));
                s = s[..^1];
            }

            if (s.Length > 0 && (IsQuote(s[0]) || IsQuote(s[^1])))
            {
                quoteDetail ??= DescribeQuotes(s, subject);
                if (IsQuote(s[0]))
                {
                    s = s[1..];
                    offset++;
                }

                if (s.Length > 0 && IsQuote(s[^1]))
                {
                    s = s[..^1];
                }

                changed = true;
                continue;
            }

            var header = HeaderPrefixRegex().Match(s);
            if (header.Length > 0)
            {
                bearerDetail ??= header.Groups["header"].Success
                    ? $"{subject} is a whole header line (\"{header.Groups["header"].Value}: …\"), not just the key."
                    : $"{subject} starts with the word \"{header.Value.TrimEnd().TrimEnd(':')}\": the client adds that itself, so it was sent twice.";
                s = s[header.Length..];
                offset += header.Length;
                changed = true;
            }
        }

        // Line breaks and invisible characters inside the key never belong to it.
        var peeled = s;
        if (s.Any(InvisibleChars.IsInvisible))
        {
            var inner = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (InvisibleChars.IsInvisible(s[i]))
                {
                    blanks.Add(new(s[i], offset + i, Where.Inside));
                }
                else
                {
                    inner.Append(s[i]);
                }
            }

            s = inner.ToString();
        }

        if (blanks.Count > 0)
        {
            findings.Add(WhitespaceFinding(blanks, subject, source, expected));
        }

        if (quoteDetail is not null)
        {
            findings.Add(Create(VerdictCodes.KeyQuoted, expected, quoteDetail));
        }

        if (bearerDetail is not null)
        {
            findings.Add(Create(VerdictCodes.KeyBearerIncluded, expected, bearerDetail));
        }

        var candidate = s;
        if (candidate.Length == 0)
        {
            var what = findings.Count == 0 ? "is empty" : "holds nothing but what is described above";
            findings.Add(Create(VerdictCodes.KeyMissing, expected, $"{subject} {what}.", new JsonObject { ["length"] = raw.Length }));
            return new(null, findings, KeyShape.Unknown);
        }

        var shape = KeyShapes.Classify(candidate, out var rule, out var wellFormed);
        var evidence = Evidence(shape, candidate);

        if (IsPlaceholder(candidate, shape, wellFormed) || (!ReferenceEquals(peeled, candidate) && IsPlaceholder(peeled, shape, wellFormed)))
        {
            // Spaces inside "<your key>" are part of the placeholder, not a separate problem.
            findings.RemoveAll(f => f.Code == VerdictCodes.KeyWhitespace && blanks.TrueForAll(b => b.Where == Where.Inside));
            // Quote it back only when it cannot be a real key that merely contains a phrase like "put...key".
            var certain = PlaceholderWords.Contains(candidate) || TemplateRegex().IsMatch(candidate)
                || FillerBodyRegex().IsMatch(candidate.AsSpan(shape.Prefix.Length)) || !candidate.Any(char.IsAsciiDigit);
            var shown = peeled.Length <= 32 && certain ? $" (\"{peeled}\")" : string.Empty;
            findings.Add(Create(VerdictCodes.KeyPlaceholder, expected, $"{subject} is a placeholder{shown}, not a real key.", evidence));
            return new(null, findings, shape);
        }

        var mask = MaskRegex().Match(candidate);
        if (mask.Success)
        {
            var kind = shape.Platform == KeyPlatform.Unknown ? "a key" : $"a {shape.Kind}";
            findings.Add(Create(VerdictCodes.KeyMasked, expected,
                $"{subject} is the masked form of {kind} (it contains \"{mask.Value}\"), as consoles and error messages show keys; the full key is needed.",
                evidence));
            return new(null, findings, shape);
        }

        var badIndex = candidate.AsSpan().IndexOfAnyExceptInRange('!', '~');
        if (badIndex >= 0)
        {
            var bad = candidate[badIndex];
            evidence["position"] = offset + badIndex + 1;
            evidence["char"] = InvisibleChars.CodePoint(bad);
            findings.Add(Create(VerdictCodes.KeyMalformed, expected,
                $"{subject} contains a character that keys never have and an HTTP header cannot carry: {InvisibleChars.CodePoint(bad)} at position {offset + badIndex + 1}. Copy the key again from the console, not from a document or chat that may have changed it.",
                evidence));
            return new(null, findings, shape);
        }

        AddShapeFindings(findings, shape, rule, wellFormed, candidate, expected, subject, evidence);
        if (findings.Count == 0)
        {
            findings.Add(Finding.Pass(DiagnosticStage.Key, "Key format looks right", shape.Kind, evidence));
        }

        return new(candidate, findings, shape);
    }

    private static void AddShapeFindings(
        List<Finding> findings, KeyShape shape, KeyShapeRule? rule, bool wellFormed, string candidate, ProviderId expected, string subject, JsonObject evidence)
    {
        var provider = expected.DisplayName();
        var platform = expected.ExpectedKeyPlatform();
        if (shape.Platform == KeyPlatform.Unknown)
        {
            var what = shape == KeyShapes.GenericSk
                ? $"starts with sk- but matches no known {provider} key format"
                : $"does not match any known key format";
            findings.Add(Create(VerdictCodes.KeyMalformed, expected,
                $"{subject} ({candidate.Length} characters) {what}; {provider} keys look like {ExpectedForm(expected)}. A gateway's own key (one-api, LiteLLM, a proxy) is fine with --base-url pointing at the gateway.",
                evidence, Severity.Warn, $"This does not look like {(provider[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an" : "a")} {provider} key"));
            return;
        }

        if (shape.Platform != platform)
        {
            string detail;
            IReadOnlyList<string>? steps = null;
            if (shape.Platform == KeyPlatform.OpenRouter)
            {
                detail = $"This is an {shape.Kind}, but it was given to {provider}. OpenRouter keys work only at OpenRouter.";
                steps = expected == ProviderId.OpenAI
                    ? ["To use this key, point the OpenAI client at OpenRouter: --base-url https://openrouter.ai/api/v1 (or OPENAI_BASE_URL)."]
                    : ["To use this key, send requests to OpenRouter (https://openrouter.ai/api/v1), not to " + provider + "."];
            }
            else if (shape.Platform.IsAiProvider())
            {
                detail = $"This is a {shape.Kind}, but it was given to {provider}.";
            }
            else
            {
                detail = $"This is a {shape.Kind} ({shape.Platform.DisplayName()}), not an AI API key, but it was given to {provider}. If it was pasted somewhere others can see, rotate it.";
            }

            evidence["key_platform"] = shape.Platform.DisplayName();
            findings.Add(Create(VerdictCodes.KeyWrongPlatform, expected, detail, evidence, extraSteps: steps));
            return;
        }

        if (shape.IsAdminKey)
        {
            findings.Add(Create(VerdictCodes.KeyAdminKey, expected,
                $"This is an {shape.Kind}: it manages the organization (keys, users, usage) and {provider}'s model endpoints refuse it.",
                evidence));
            return;
        }

        if (shape.Prefix is "sk-ant-oat01-" or "sk-ant-ort01-" or "sk-ant-sid01-")
        {
            var severity = shape.Prefix == "sk-ant-oat01-" ? Severity.Warn : Severity.Error;
            findings.Add(Create(VerdictCodes.KeyWrongPlatform, expected,
                $"This is an {shape.Kind}, issued to a Claude subscription, not an API key; the API expects a key from the Console (sk-ant-api03-…).",
                evidence, severity, "This is not an API key"));
            return;
        }

        if (!wellFormed && rule is not null)
        {
            evidence["expected_length"] = rule.ExpectedLength;
            var body = candidate.AsSpan(rule.Prefix.Length);
            var lengthOk = body.Length >= rule.MinBody && body.Length <= rule.MaxBody;
            var detail = lengthOk
                ? $"It starts like an {shape.Kind} ({shape.Prefix}) and has the right length, but holds characters (or an ending) such keys never have."
                : $"It starts like an {shape.Kind} ({shape.Prefix}) but is {candidate.Length} characters long; such keys have {rule.ExpectedLength}.";
            findings.Add(Create(VerdictCodes.KeyMalformed, expected, detail, evidence));
        }
    }

    private static string ExpectedForm(ProviderId expected) => expected switch
    {
        ProviderId.OpenAI => "sk-proj-…, sk-svcacct-… or sk-… (48 characters)",
        ProviderId.Anthropic => "sk-ant-api03-…",
        ProviderId.Gemini => "AIza… (39 characters) or AQ.…",
        _ => "the provider's documented format",
    };

    private static bool IsPlaceholder(string candidate, KeyShape shape, bool wellFormed)
    {
        if (PlaceholderWords.Contains(candidate) || TemplateRegex().IsMatch(candidate)
            || (!wellFormed && PlaceholderPhraseRegex().IsMatch(candidate)))
        {
            return true;
        }

        // "sk-...", "sk-xxxx", "sk-proj-XXXXXXXX", "AIza...", "xxxxxxxx": a prefix (or nothing) followed by filler.
        var body = candidate.AsSpan(shape.Prefix.Length);
        return (FillerBodyRegex().IsMatch(body) || (shape.Prefix.Length <= 3 && AbcFillerRegex().IsMatch(body)))
            && (shape.Prefix.Length > 0 || candidate.Length >= 3);
    }

    private static Finding WhitespaceFinding(List<Blank> blanks, string subject, KeySource source, ProviderId expected)
    {
        blanks.Sort((a, b) => a.Index.CompareTo(b.Index));
        var parts = new List<string>();
        var i = 0;
        while (i < blanks.Count)
        {
            var first = blanks[i];
            if (first.Char == '\r' && i + 1 < blanks.Count && blanks[i + 1].Char == '\n' && blanks[i + 1].Index == first.Index + 1
                && blanks[i + 1].Where == first.Where)
            {
                parts.Add($"a Windows line break (CR LF) {Describe(first.Where, first.Index, 2)}");
                i += 2;
                continue;
            }

            var count = 1;
            while (i + count < blanks.Count && blanks[i + count].Char == first.Char && blanks[i + count].Where == first.Where
                   && blanks[i + count].Index == first.Index + count)
            {
                count++;
            }

            parts.Add($"{InvisibleChars.Describe(first.Char, count)} {Describe(first.Where, first.Index, count)}");
            i += count;
        }

        var listed = parts.Count <= 4 ? parts : [.. parts.Take(3), $"{parts.Count - 3} more"];
        var text = listed.Count == 1 ? listed[0] : string.Join(", ", listed.Take(listed.Count - 1)) + " and " + listed[^1];
        var detail = $"{subject} has {text}.";
        if (blanks.Any(b => b.Where == Where.End && b.Char is '\n' or '\r') && source is KeySource.Environment or KeySource.Chat)
        {
            detail += source == KeySource.Environment
                ? " A variable keeps the newline that a file or `echo` (without -n) added."
                : " A line break was pasted with it.";
        }

        var evidence = new JsonObject
        {
            ["char"] = InvisibleChars.CodePoint(blanks[0].Char),
            ["position"] = blanks[0].Index + 1,
            ["where"] = blanks[0].Where.ToString().ToLowerInvariant(),
            ["count"] = blanks.Count,
        };
        return Create(VerdictCodes.KeyWhitespace, expected, detail, evidence);
    }

    private static string Describe(Where where, int index, int count) => where switch
    {
        Where.Start => "at the start",
        Where.End => "at the end",
        _ => count == 1
            ? $"at position {(index + 1).ToString(CultureInfo.InvariantCulture)}"
            : $"at positions {(index + 1).ToString(CultureInfo.InvariantCulture)}-{(index + count).ToString(CultureInfo.InvariantCulture)}",
    };

    private static bool IsQuote(char c) => c is '"' or '\'' or '`' or '\u201C' or '\u201D' or '\u2018' or '\u2019' or '\u00AB' or '\u00BB' or '\u201E' or '\u00B4';

    private static string DescribeQuotes(string s, string subject)
    {
        var open = IsQuote(s[0]) ? s[0] : (char?)null;
        var close = s.Length > 1 && IsQuote(s[^1]) ? s[^1] : (char?)null;
        if (open is null || close is null)
        {
            var q = open ?? close!.Value;
            var where = open is not null ? "start" : "end";
            return $"{subject} has a stray quote mark ({q}) at the {where}, which became part of the value.";
        }

        var name = (open.Value, close.Value) switch
        {
            ('"', '"') => "double quotes",
            ('\'', '\'') => "single quotes",
            ('`', '`') => "backticks",
            ('\u00AB', '\u00BB') => "guillemets",
            (var a, var b) when a < 128 && b < 128 => "mismatched quote marks",
            _ => "typographic quotes (as word processors and chat apps write them)",
        };
        return $"{subject} is wrapped in {name} ({open}…{close}), which became part of the value.";
    }

    private static JsonObject Evidence(KeyShape shape, string candidate) => new()
    {
        ["key_kind"] = shape.Kind,
        ["length"] = candidate.Length,
    };

    private static Finding Create(
        string code, ProviderId expected, string detail, JsonObject? evidence = null, Severity severity = Severity.Error,
        string? title = null, IReadOnlyList<string>? extraSteps = null) =>
        Finding.Create(code, DiagnosticStage.Key, expected, detail, evidence?.DeepClone().AsObject(), severity, title, extraSteps);

    private enum Where
    {
        Start,
        End,
        Inside,
    }

    private readonly record struct Blank(char Char, int Index, Where Where);
}

using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Key hygiene: the offline, instant first stage (docs/engine.md, stage 1). Finds what people do to keys on the
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
    public static KeyInspection Inspect(string? raw, ProviderId expected, KeySource source, string? origin) =>
        Inspect(raw, expected, source, origin, known: null);

    /// <summary>Inspects <paramref name="raw"/> as a key meant for <paramref name="expected"/>.</summary>
    /// <param name="raw">The key exactly as received, or null.</param>
    /// <param name="expected">The provider it is meant for.</param>
    /// <param name="source">Where it came from (stdin and files may carry one trailing newline legitimately).</param>
    /// <param name="origin">Where it was read from, for messages (e.g. "OPENAI_API_KEY"); never the key.</param>
    /// <param name="known">
    /// What intake already found the key to be (<see cref="KeyShapes.Match"/>): used when it describes the key left
    /// once white space, quotes and "Bearer " are peeled off, so the key is classified once; otherwise ignored.
    /// </param>
    public static KeyInspection Inspect(string? raw, ProviderId expected, KeySource source, string? origin, KeyShapeMatch? known)
    {
        var subject = string.IsNullOrWhiteSpace(origin) ? "The key" : $"The value of {origin}";
        if (raw is null || raw.Length == 0)
        {
            return NotGiven(raw, expected, subject, origin);
        }

        var text = WithoutExpectedNewline(raw, source);
        if (text.All(InvisibleChars.IsInvisible))
        {
            return OnlyBlank(text, raw.Length, expected, subject);
        }

        var peeled = Peeled.From(text, subject);
        var findings = HygieneFindings(peeled, subject, source, expected);
        var candidate = peeled.Candidate;
        if (candidate.Length == 0)
        {
            return NothingLeft(findings, raw.Length, expected, subject);
        }

        var match = known is not null && known.IsFor(candidate) ? known : KeyShapes.Match(candidate);
        var evidence = Evidence(match.Shape, candidate);
        return Placeholder(findings, peeled, match, expected, subject, evidence)
            ?? Masked(findings, candidate, match.Shape, expected, subject, evidence)
            ?? BadCharacter(findings, peeled, match.Shape, expected, subject, evidence)
            ?? ShapeVerdict(findings, match, candidate, expected, subject, evidence);
    }

    /// <summary>No value at all, or an empty one.</summary>
    private static KeyInspection NotGiven(string? raw, ProviderId expected, string subject, string? origin)
    {
        var detail = raw is not null ? $"{subject} is empty."
            : string.IsNullOrWhiteSpace(origin) ? $"No {expected.DisplayName()} key was given."
            : $"{origin} is not set.";
        return new(null, [Create(VerdictCodes.KeyMissing, expected, detail, new JsonObject { ["length"] = 0 })], KeyShape.Unknown);
    }

    /// <summary>echo, heredocs and editors end stdin and files with one newline: expected there, a problem elsewhere.</summary>
    private static string WithoutExpectedNewline(string raw, KeySource source) =>
        source is not (KeySource.StandardInput or KeySource.File) ? raw
        : raw.EndsWith("\r\n", StringComparison.Ordinal) ? raw[..^2]
        : raw.EndsWith('\n') ? raw[..^1]
        : raw;

    /// <summary>Nothing but white space (or the one expected newline).</summary>
    private static KeyInspection OnlyBlank(string text, int rawLength, ProviderId expected, string subject)
    {
        var detail = text.Length == 0 ? $"{subject} holds only a newline." : $"{subject} holds only white space, no key.";
        return new(null, [Create(VerdictCodes.KeyMissing, expected, detail, new JsonObject { ["length"] = rawLength })], KeyShape.Unknown);
    }

    /// <summary>What was peeled off, in order: white space, quotes, a header or "Bearer ".</summary>
    private static List<Finding> HygieneFindings(Peeled peeled, string subject, KeySource source, ProviderId expected)
    {
        var findings = new List<Finding>();
        if (peeled.Blanks.Count > 0)
        {
            findings.Add(WhitespaceFinding(peeled.Blanks, subject, source, expected));
        }

        if (peeled.QuoteDetail is { } quotes)
        {
            findings.Add(Create(VerdictCodes.KeyQuoted, expected, quotes));
        }

        if (peeled.BearerDetail is { } bearer)
        {
            findings.Add(Create(VerdictCodes.KeyBearerIncluded, expected, bearer));
        }

        return findings;
    }

    /// <summary>Nothing is left once the wrapping is peeled off.</summary>
    private static KeyInspection NothingLeft(List<Finding> findings, int rawLength, ProviderId expected, string subject)
    {
        var what = findings.Count == 0 ? "is empty" : "holds nothing but what is described above";
        findings.Add(Create(VerdictCodes.KeyMissing, expected, $"{subject} {what}.", new JsonObject { ["length"] = rawLength }));
        return new(null, findings, KeyShape.Unknown);
    }

    /// <summary>A placeholder ("sk-...", "&lt;your key&gt;", "changeme") left in place of a key.</summary>
    private static KeyInspection? Placeholder(
        List<Finding> findings, Peeled peeled, KeyShapeMatch match, ProviderId expected, string subject, JsonObject evidence)
    {
        var candidate = peeled.Candidate;
        var (shape, wellFormed) = (match.Shape, match.IsWellFormed);
        if (!IsPlaceholder(candidate, shape, wellFormed)
            && (ReferenceEquals(peeled.Outer, candidate) || !IsPlaceholder(peeled.Outer, shape, wellFormed)))
        {
            return null;
        }

        // Spaces inside "<your key>" are part of the placeholder, not a separate problem.
        findings.RemoveAll(f => f.Code == VerdictCodes.KeyWhitespace && peeled.Blanks.TrueForAll(b => b.Where == Where.Inside));
        // Quote it back only when it cannot be a real key that merely contains a phrase like "put...key".
        var certain = PlaceholderWords.Contains(candidate) || TemplateRegex().IsMatch(candidate)
            || FillerBodyRegex().IsMatch(candidate.AsSpan(shape.Prefix.Length)) || !candidate.Any(char.IsAsciiDigit);
        var shown = peeled.Outer.Length <= 32 && certain ? $" (\"{peeled.Outer}\")" : string.Empty;
        findings.Add(Create(VerdictCodes.KeyPlaceholder, expected, $"{subject} is a placeholder{shown}, not a real key.", evidence));
        return new(null, findings, shape);
    }

    /// <summary>A masked copy (<c>sk-proj-****a1b2</c>), as consoles and error messages show keys.</summary>
    private static KeyInspection? Masked(
        List<Finding> findings, string candidate, KeyShape shape, ProviderId expected, string subject, JsonObject evidence)
    {
        var mask = MaskRegex().Match(candidate);
        if (!mask.Success)
        {
            return null;
        }

        var kind = shape.Platform == KeyPlatform.Unknown ? "a key" : $"a {shape.Kind}";
        findings.Add(Create(VerdictCodes.KeyMasked, expected,
            $"{subject} is the masked form of {kind} (it contains \"{mask.Value}\"), as consoles and error messages show keys; the full key is needed.",
            evidence));
        return new(null, findings, shape);
    }

    /// <summary>A character no key has and no HTTP header can carry (a typographic dash, a non-ASCII letter).</summary>
    private static KeyInspection? BadCharacter(
        List<Finding> findings, Peeled peeled, KeyShape shape, ProviderId expected, string subject, JsonObject evidence)
    {
        var candidate = peeled.Candidate;
        var badIndex = candidate.AsSpan().IndexOfAnyExceptInRange('!', '~');
        if (badIndex < 0)
        {
            return null;
        }

        var bad = candidate[badIndex];
        var position = peeled.Offset + badIndex + 1;
        evidence["position"] = position;
        evidence["char"] = InvisibleChars.CodePoint(bad);
        findings.Add(Create(VerdictCodes.KeyMalformed, expected,
            $"{subject} contains a character that keys never have and an HTTP header cannot carry: {InvisibleChars.CodePoint(bad)} at position {position}. Copy the key again from the console, not from a document or chat that may have changed it.",
            evidence));
        return new(null, findings, shape);
    }

    /// <summary>The shape against the provider: unknown format, another platform's key, an admin key, a cut copy.</summary>
    private static KeyInspection ShapeVerdict(
        List<Finding> findings, KeyShapeMatch match, string candidate, ProviderId expected, string subject, JsonObject evidence)
    {
        var shape = match.Shape;
        var problem = shape.CouldBe.Count > 0
            ? CouldBe(shape, expected, evidence)
            : UnknownFormat(shape, candidate, expected, subject, evidence)
            ?? WrongPlatform(shape, expected, evidence)
            ?? AdminKey(shape, expected, evidence)
            ?? SubscriptionToken(shape, expected, evidence)
            ?? Incomplete(match, candidate, expected, evidence);
        if (problem is not null)
        {
            findings.Add(problem);
        }

        if (findings.Count == 0)
        {
            findings.Add(Finding.Pass(DiagnosticStage.Key, "Key format looks right", shape.Kind, evidence));
        }

        return new(candidate, findings, shape);
    }

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

    private static JsonObject Evidence(KeyShape shape, string candidate) => new()
    {
        ["key_kind"] = shape.Kind,
        ["length"] = candidate.Length,
    };

    private static Finding Create(
        string code, ProviderId expected, string detail, JsonObject? evidence = null, Severity severity = Severity.Error,
        string? title = null, IReadOnlyList<string>? extraSteps = null) =>
        Finding.Create(code, DiagnosticStage.Key, expected, detail, evidence?.DeepClone().AsObject(), severity, title, extraSteps);
}

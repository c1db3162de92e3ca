using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Redaction;

public sealed partial class SecretScrubber
{
    // Prefixes whose masked echoes ("sk-proj-abc1****wxyz", "AIzaSy…x1y2") are rewritten to prefix + "…" + last 4.
    private const string EchoPrefixes =
        @"sk-ant-[a-z]{2,6}\d{2}-|sk-or-v1-|sk-(?:proj|svcacct|admin|None)-|sk-|AIza|AQ\.|xai-|gsk_|hf_|pplx-|r8_|github_pat_|gh[pousr]_|xox[abpesr]-";

    // Whole keys and tokens (KeyShapes' formats, with loose lengths so truncated and padded copies are caught too).
    // No leading word boundary on purpose: a key glued to other text must still be found.
    private const string KeyShapesPattern =
        @"sk-ant-[a-z]{2,6}\d{2}-[A-Za-z0-9_-]{16,}" +
        @"|sk-or-v1-[A-Za-z0-9]{16,}" +
        @"|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{16,}" +
        @"|sk-[A-Za-z0-9][A-Za-z0-9_-]{15,}" +
        @"|AIza[A-Za-z0-9_-]{16,}" +
        @"|AQ\.[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{14,}[A-Za-z0-9_-])" +
        @"|xai-[A-Za-z0-9]{16,}" +
        @"|gsk_[A-Za-z0-9]{16,}" +
        @"|hf_[A-Za-z0-9]{16,}" +
        @"|pplx-[A-Za-z0-9]{16,}" +
        @"|r8_[A-Za-z0-9]{16,}" +
        @"|(?:AKIA|ASIA)[A-Z0-9]{16}" +
        @"|github_pat_[A-Za-z0-9_]{22,}" +
        @"|gh[pousr]_[A-Za-z0-9]{20,}" +
        @"|xox[abpesr]-[A-Za-z0-9-]{10,}" +
        @"|\d{5,16}:[A-Za-z0-9_-]{30,}" +
        @"|[MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{20,}";

    // A masked echo is tried first at each position, so a key followed by "..." is still hidden whole.
    [GeneratedRegex(
        "(?<p>" + EchoPrefixes + @")[A-Za-z0-9_-]{0,64}(?:\*{2,}|•+|…|\.{3})(?<tail>[A-Za-z0-9_-]{0,64})|" + KeyShapesPattern,
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex KeyShapeRegex();

    // The token after "Bearer ", unless it is already a shown form.
    [GeneratedRegex(@"(?<=\bBearer\s+)(?>[A-Za-z0-9._~+/=-]{8,})(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex BearerRegex();

    // The value of key=, api_key=, access_token= ... in a URL query.
    [GeneratedRegex(@"(?<=[?&](?:key|api_key|apikey|api-key|access_token|token|auth|secret)=)(?>[^&\s#""'<>…*•]{8,})(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex QueryKeyRegex();

    // The value of an API-key header or field ("x-api-key: ...", "x-goog-api-key: ...", "api_key": "...").
    [GeneratedRegex(@"(?<=\b(?:x-api-key|x-goog-api-key|api[-_]?key|access[-_]token|bot[-_]?token)[""']?\s*[:=]\s*[""']?)(?>[A-Za-z0-9._~+/=:-]{8,})(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex HeaderKeyRegex();
}

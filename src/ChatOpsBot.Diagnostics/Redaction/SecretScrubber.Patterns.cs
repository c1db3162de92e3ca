using System.Buffers;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Redaction;

public sealed partial class SecretScrubber
{
    // Prefixes whose masked echoes ("sk-proj-abc1****wxyz", "AIzaSy…x1y2") are rewritten to prefix + "…" + last 4.
    // Every prefix KeyMask.Show can produce is here, so a second pass leaves shown forms as they are.
    private const string EchoPrefixes =
        @"sk-ant-[a-z]{2,6}\d{2}-|sk-ant-|sk-or-v1-|sk-or-|sk-(?:proj|svcacct|admin|None)-|sk-|AIza|AQ\.|xai-|gsk_|tgp_v1_|hf_|pplx-|r8_|github_pat_|gh[pousr]_|xox[abpesr]-";

    // Whole keys and tokens (KeyShapes' formats, with loose lengths so truncated and padded copies are caught too).
    // No leading word boundary on purpose: a key glued to other text must still be found. Bodies run greedily over
    // all base64url characters (wider than some formats) so that what follows a shown form is never body material.
    private const string KeyShapesPattern =
        @"sk-ant-[a-z]{2,6}\d{2}-[A-Za-z0-9_-]{16,}" +
        @"|sk-or-v1-[A-Za-z0-9_-]{16,}" +
        @"|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{16,}" +
        @"|sk-[A-Za-z0-9][A-Za-z0-9_-]{15,}" +
        @"|AIza[A-Za-z0-9_-]{16,}" +
        @"|AQ\.[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{14,}[A-Za-z0-9_-])" +
        @"|xai-[A-Za-z0-9_-]{16,}" +
        @"|gsk_[A-Za-z0-9_-]{16,}" +
        @"|tgp_v1_[A-Za-z0-9_-]{16,}" +
        @"|hf_[A-Za-z0-9_-]{16,}" +
        @"|pplx-[A-Za-z0-9_-]{16,}" +
        @"|r8_[A-Za-z0-9_-]{16,}" +
        @"|(?:AKIA|ASIA)[A-Z0-9]{16}[A-Za-z0-9_-]*" +
        @"|github_pat_[A-Za-z0-9_-]{22,}" +
        @"|gh[pousr]_[A-Za-z0-9_-]{20,}" +
        @"|xox[abpesr]-[A-Za-z0-9_-]{10,}" +
        @"|\d{5,16}:[A-Za-z0-9_-]{30,}" +
        @"|[MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{20,}";

    /// <summary>Every character any key shape or masked echo can hold: matches never cross a character outside this set.</summary>
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:*•…");

    private static readonly SearchValues<char> MaskChars = SearchValues.Create("*•….");

    // A masked echo is tried first at each position, so a key followed by "..." is still hidden whole.
    [GeneratedRegex(
        "(?<p>" + EchoPrefixes + @")[A-Za-z0-9_-]{0,64}(?:\*{2,}|•+|…|\.{3})(?<tail>[A-Za-z0-9_-]*)|" + KeyShapesPattern,
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    internal static partial Regex KeyShapeRegex();

    // The token after "Bearer ", unless it is already a shown form.
    [GeneratedRegex(@"(?<pre>\bBearer\s+)(?>(?<val>[A-Za-z0-9._~+/=-]{8,}))(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    internal static partial Regex BearerRegex();

    // The value of key=, api_key=, access_token= ... in a URL query.
    [GeneratedRegex(@"(?<pre>[?&](?:key|api_key|apikey|api-key|access_token|token|auth|secret)=)(?>(?<val>[^&\s#""'<>…*•]{8,}))(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    internal static partial Regex QueryKeyRegex();

    // A Discord webhook's token in its URL (".../api/webhooks/{id}/{token}", also an interaction's follow-up URL): the id
    // stays, the token becomes "…" (whoever holds the token can post as the webhook).
    [GeneratedRegex(@"(?<pre>/webhooks/\d{5,20}/)(?<val>[A-Za-z0-9_%.-]{16,})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    internal static partial Regex WebhookTokenRegex();

    // The user info of a URL ("http://admin:pass@gateway", "socks5://bob:pw@proxy"): the user name goes too.
    [GeneratedRegex(@"(?<pre>\b[A-Za-z][A-Za-z0-9+.-]{1,15}://)(?<val>[^\s/?#@""'<>]+)@",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    internal static partial Regex UrlUserInfoRegex();

    // The value of an API-key header or field ("x-api-key: ...", "x-goog-api-key: ...", "api_key": "...").
    [GeneratedRegex(@"(?<pre>\b(?:x-api-key|x-goog-api-key|api[-_]?key|access[-_]token|bot[-_]?token)[""']?\s*[:=]\s*[""']?)(?>(?<val>[A-Za-z0-9._~+/=:-]{8,}))(?![…*•])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    internal static partial Regex HeaderKeyRegex();
}

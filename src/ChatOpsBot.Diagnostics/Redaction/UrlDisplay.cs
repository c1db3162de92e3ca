using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// URLs as reports, replies and logs show them: never the user info (<c>http://admin:pass@gateway</c> is the
/// operator's password) nor the value of a key-like query parameter (<c>?key=AIza…</c>, as Gemini takes it).
/// </summary>
public static partial class UrlDisplay
{
    /// <summary>Scheme, host, port, path and query, without user info, secret query values shown as "…".</summary>
    public static string Show(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return SecretScrubber.UrlUserInfoRegex().Replace(url.OriginalString, "${pre}…@");
        }

        var shown = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return url.Query.Length <= 1 ? shown : shown + SecretQueryValue().Replace(url.Query, "${pre}…");
    }

    /// <summary>Scheme, host and port only (<c>https://gw.example:8443</c>).</summary>
    public static string Authority(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : Show(url);
    }

    [GeneratedRegex(@"(?<pre>[?&](?:key|api_key|apikey|api-key|access_token|token|auth|secret|password|sig|signature)=)[^&#]*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex SecretQueryValue();
}

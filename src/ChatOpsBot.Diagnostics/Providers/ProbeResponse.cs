namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// What came back from a probe: status, headers (case-insensitive names), and a bounded prefix of the body.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">Response and content headers; several values joined with ", ".</param>
/// <param name="Body">At most <see cref="MaxBodyChars"/> characters of the body, decoded as UTF-8.</param>
/// <param name="BodyTruncated">True when the body was longer than what was read.</param>
/// <param name="Elapsed">From sending to the end of what was read.</param>
public sealed record ProbeResponse(
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    bool BodyTruncated,
    TimeSpan Elapsed)
{
    /// <summary>How much of a body is ever read (a huge or endless body is cut here).</summary>
    public const int MaxBodyChars = 64 * 1024;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the body looks like an HTML page (captive portal, proxy error, login page).</summary>
    public bool LooksLikeHtml
    {
        get
        {
            var contentType = Header("Content-Type") ?? "";
            if (contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var start = Body.AsSpan().TrimStart();
            return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
                || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }
    }
}

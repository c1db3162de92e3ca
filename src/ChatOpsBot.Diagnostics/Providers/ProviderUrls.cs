namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Appends API paths to a base URL the way the official SDKs do: a path prefix (a gateway's <c>/openai</c>) is kept,
/// trailing slashes do not double, and the base's query and fragment are dropped (keys never travel in URLs).
/// </summary>
public static class ProviderUrls
{
    /// <summary>The base path without trailing slashes ("" for the root).</summary>
    public static string BasePath(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.AbsolutePath.TrimEnd('/');
    }

    /// <summary>True when the base path's last segment is <paramref name="segment"/> (e.g. <c>v1</c>), case-insensitive.</summary>
    public static bool EndsWithSegment(Uri baseUrl, string segment)
    {
        var path = BasePath(baseUrl);
        var lastSlash = path.LastIndexOf('/');
        return lastSlash >= 0 && path[(lastSlash + 1)..].Equals(segment, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <paramref name="baseUrl"/> with <paramref name="relativePath"/> appended (already escaped, starting with '/').
    /// </summary>
    public static Uri Combine(Uri baseUrl, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(relativePath);
        var builder = new UriBuilder(baseUrl)
        {
            Path = BasePath(baseUrl) + (relativePath.StartsWith('/') ? relativePath : "/" + relativePath),
            Query = "",
            Fragment = "",
        };
        return builder.Uri;
    }

    /// <summary>
    /// <paramref name="baseUrl"/> with <c>/{segment}{path}</c> appended, or only <paramref name="path"/> when the base
    /// already ends in that segment: the SDK rule for <c>/v1</c> (and Gemini's <c>/v1beta</c>, Azure's <c>/openai</c>).
    /// </summary>
    public static Uri CombineUnder(Uri baseUrl, string segment, string path)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Combine(baseUrl, EndsWithSegment(baseUrl, segment) ? path : "/" + segment + path);
    }

    /// <summary>The OpenAI SDK convention: <c>{base}/v1{path}</c>, or <c>{base}{path}</c> when the base already ends in <c>/v1</c>.</summary>
    public static Uri CombineV1(Uri baseUrl, string path) => CombineUnder(baseUrl, "v1", path);

    /// <summary>A model name escaped for one path segment (<c>gpt-4o</c> stays, <c>a/b</c> becomes <c>a%2Fb</c>).</summary>
    public static string EscapeSegment(string value) => Uri.EscapeDataString(value.Trim());
}

using Microsoft.Extensions.Configuration;

namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// Settings of section <c>StatusPages</c>: <c>StatusPages:RefreshEvery</c> (at most one fetch per page per period,
/// shared by every diagnosis) and, per page, <c>StatusPages:&lt;Name&gt;:Url</c>: the page's root (API paths are
/// appended), default the real page, <c>none</c> to turn it off. The URLs are read by <see cref="ReadUrls"/>, not by
/// the binder, so any provider's settings name works without a property each.
/// </summary>
public sealed class StatusPageOptions
{
    public const string SectionName = "StatusPages";

    /// <summary>The word that turns a page off.</summary>
    public const string Off = "none";

    /// <summary>How long a reading (or a failure to read) is reused before the page is fetched again.</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a diagnosis waits for a page before it says "status unknown" (not a setting: the promise is 1.5 s).</summary>
    internal TimeSpan WaitAtMost { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long one fetch may take in the background (a late answer still fills the cache).</summary>
    internal TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Configured roots by page name (case-insensitive); a null value: turned off.</summary>
    internal Dictionary<string, Uri?> Roots { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Settings that could not be read, each naming itself.</summary>
    internal List<string> Problems { get; } = [];

    /// <summary>The root of <paramref name="page"/>: configured, else its default; null when off or unknown.</summary>
    public Uri? RootOf(StatusPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Roots.TryGetValue(page.Name, out var configured) ? configured : page.DefaultRoot;
    }

    /// <summary>Turns <paramref name="pageName"/> off (tests, or a host that wants no outside calls).</summary>
    public void TurnOff(string pageName) => Roots[pageName] = null;

    /// <summary>Points <paramref name="pageName"/> at <paramref name="root"/>.</summary>
    public void Point(string pageName, Uri root) => Roots[pageName] = root;

    /// <summary>Reads every <c>StatusPages:&lt;Name&gt;:Url</c> present in <paramref name="configuration"/>.</summary>
    public void ReadUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            if (section["Url"] is not { } raw)
            {
                continue;
            }

            var value = raw.Trim();
            if (value.Length == 0 || string.Equals(value, Off, StringComparison.OrdinalIgnoreCase))
            {
                Roots[section.Key] = null;
            }
            else if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                Roots[section.Key] = uri;
            }
            else
            {
                Problems.Add($"{SectionName}:{section.Key}:Url must be the status page's root (https://status.example.com) or \"{Off}\".");
            }
        }
    }
}

using System.Globalization;
using System.Text;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.StatusPages;

namespace ChatOpsBot.Core.Conversation.Handlers.Monitor;

/// <summary>
/// <c>/status</c>'s "Providers say" block: each provider of the team's keys (and Discord, asked from Discord), as its
/// own status page has it now (read in parallel, each within 1.5 s, from the shared cache). Pages turned off are left out.
/// </summary>
internal static class ProviderStatusLines
{
    public static async Task<string> DescribeAsync(StatusPageReader reader, IEnumerable<ProviderId> providers, bool withDiscord, CancellationToken cancellationToken)
    {
        var pages = providers.Distinct().Select(StatusPageCatalog.For).ToList();
        if (withDiscord)
        {
            pages.Add(StatusPageCatalog.Discord); // the platform the bot answers on has its own page
        }

        var readings = await Task.WhenAll(pages.Select(p => reader.ReadAsync(p, cancellationToken))).ConfigureAwait(false);
        var lines = readings.Select(Line).OfType<string>().ToList();
        if (lines.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("\nProviders say (their status pages):");
        foreach (var line in lines)
        {
            text.Append("\n• ").Append(line);
        }

        return text.ToString();
    }

    private static string? Line(StatusPageReading reading)
    {
        var name = reading.Page.DisplayName;
        var link = (reading.Link ?? reading.Page.Link)?.AbsoluteUri;
        return reading.State switch
        {
            StatusPageState.Incident => $"⚠️ {name}: {ProviderStatusCheck.Describe(reading.Incident!)} — {reading.Incident!.Link.AbsoluteUri}",
            StatusPageState.Operational => $"✅ {name}: no incident reported{(reading.Description is { } d ? $" ({d})" : "")}",
            StatusPageState.Unknown => $"❔ {name}: status unknown (its page {reading.Problem}) — {link}",
            StatusPageState.LinkOnly => string.Create(CultureInfo.InvariantCulture, $"🔗 {name}: no status a program can read — {link}"),
            _ => null,
        };
    }
}

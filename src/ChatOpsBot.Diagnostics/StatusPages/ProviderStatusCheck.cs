using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// "Me or them": for a verdict on the provider's side (a 5xx, overloaded, a timeout, an unexpected answer), what the
/// provider's status page says now, as one finding. An incident on a watched component is a
/// <c>provider.incident</c> warning (name, status, since when, link); otherwise an <c>info.status_page</c> saying the
/// page reports nothing, or that its status is unknown. Never an error: the provider's own answer decides the verdict.
/// </summary>
public sealed class ProviderStatusCheck(StatusPageReader reader)
{
    private static readonly HashSet<string> TheirSide = new(StringComparer.Ordinal)
    {
        VerdictCodes.ProviderServerError, VerdictCodes.ProviderOverloaded, VerdictCodes.NetworkTimeout, VerdictCodes.ProviderUnexpected,
    };

    /// <summary>Whether a verdict of <paramref name="code"/> may be the provider's fault, so its status page is worth asking.</summary>
    public static bool IsTheirSide(string code) => TheirSide.Contains(code);

    /// <summary>The status finding for a verdict of <paramref name="verdictCode"/>; null when it is not on the provider's side or no page is set.</summary>
    public async Task<Finding?> FindingAsync(ProviderId provider, string verdictCode, DiagnosticStage stage, CancellationToken cancellationToken)
    {
        if (!IsTheirSide(verdictCode))
        {
            return null;
        }

        var reading = await reader.ReadAsync(StatusPageCatalog.For(provider), cancellationToken).ConfigureAwait(false);
        return For(provider, reading, stage);
    }

    /// <summary>The finding for <paramref name="reading"/>; null when the page is off and has no link.</summary>
    public static Finding? For(ProviderId provider, StatusPageReading reading, DiagnosticStage stage)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var name = reading.Page.DisplayName;
        var link = (reading.Link ?? reading.Page.Link)?.AbsoluteUri;
        var evidence = new JsonObject { ["status_page_state"] = StateWord(reading.State) };
        if (link is not null)
        {
            evidence["status_page"] = link;
        }

        switch (reading.State)
        {
            case StatusPageState.Incident:
                var incident = reading.Incident!;
                evidence["incident"] = incident.Name;
                evidence["incident_status"] = incident.Status;
                if (incident.Impact is { } impact)
                {
                    evidence["incident_impact"] = impact;
                }

                if (incident.Since is { } since)
                {
                    evidence["incident_since"] = since.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                }

                if (incident.Components.Count > 0)
                {
                    evidence["incident_components"] = string.Join(", ", incident.Components);
                }

                evidence["incident_link"] = incident.Link.AbsoluteUri;
                return Finding.Create(
                    VerdictCodes.ProviderIncident,
                    stage,
                    provider,
                    $"{name}'s status page reports {Describe(incident)}. The failure is most likely on their side, not your key.",
                    evidence,
                    Severity.Warn,
                    title: $"{name} reports an incident: {incident.Name}",
                    extraStepsFirst: [$"Follow the incident: {incident.Link.AbsoluteUri}"]);
            case StatusPageState.Operational:
                return new Finding(VerdictCodes.InfoStatusPage, Severity.Info, stage, $"{name}'s status page reports no incident",
                    $"{name}'s status page ({link}) reports no incident on the API now: the cause is more likely on this side (network, proxy, gateway) or too new to be posted.", [], evidence);
            case StatusPageState.Unknown:
                evidence["status_page_problem"] = reading.Problem;
                return new Finding(VerdictCodes.InfoStatusPage, Severity.Info, stage, $"{name}'s status: unknown",
                    $"Status unknown: {name}'s status page {reading.Problem}. Check it yourself: {link}", [], evidence);
            case StatusPageState.LinkOnly:
                return new Finding(VerdictCodes.InfoStatusPage, Severity.Info, stage, $"{name}'s status: see its page",
                    $"{name} publishes no status a program can read: check {link}", [], evidence);
            default:
                return null;
        }
    }

    /// <summary>"\"Elevated errors\" (identified, since 2026-09-03 13:26 UTC) on Claude API (api.anthropic.com)".</summary>
    public static string Describe(StatusPageIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var since = incident.Since is { } s ? $", since {s.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}" : "";
        var on = incident.Components.Count > 0 ? $" on {string.Join(", ", incident.Components.Take(3))}" : "";
        return $"\"{incident.Name}\" ({StatusPageReading.Words(incident.Status)}{since}){on}";
    }

    /// <summary>The evidence word of a state: <c>incident</c>, <c>operational</c>, <c>unknown</c>, <c>link_only</c>, <c>off</c>.</summary>
    public static string StateWord(StatusPageState state) => state switch
    {
        StatusPageState.Incident => "incident",
        StatusPageState.Operational => "operational",
        StatusPageState.Unknown => "unknown",
        StatusPageState.LinkOnly => "link_only",
        _ => "off",
    };
}

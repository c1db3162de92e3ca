using System.Collections.Concurrent;
using ChatOpsBot.Diagnostics.NextSteps;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics;

/// <summary>
/// Titles and next steps for every code, per provider where the console pages differ. Written for a stressed person
/// at 2 a.m.: short, concrete, ordered by what to try first.
/// </summary>
public static class NextStepsCatalog
{
    /// <summary>Every code the engine emits, for completeness tests and the README.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        VerdictCodes.Ok, VerdictCodes.KeyMissing, VerdictCodes.KeyWhitespace, VerdictCodes.KeyQuoted,
        VerdictCodes.KeyBearerIncluded, VerdictCodes.KeyPlaceholder, VerdictCodes.KeyMasked,
        VerdictCodes.KeyWrongPlatform, VerdictCodes.KeyMalformed, VerdictCodes.KeyAdminKey,
        VerdictCodes.NetworkProxy, VerdictCodes.NetworkDnsFailed, VerdictCodes.NetworkDnsHijacked,
        VerdictCodes.NetworkConnectFailed, VerdictCodes.NetworkTimeout, VerdictCodes.NetworkTlsFailed,
        VerdictCodes.NetworkTlsIntercepted, VerdictCodes.NetworkFlaky, VerdictCodes.NetworkIpv6Broken, VerdictCodes.NetworkIpNotAllowed,
        VerdictCodes.RegionUnsupported,
        VerdictCodes.AuthMissingKey, VerdictCodes.AuthInvalidKey, VerdictCodes.AuthWrongHeader,
        VerdictCodes.AuthPermissionDenied, VerdictCodes.AuthAccountDisabled, VerdictCodes.AuthKeyRevoked,
        VerdictCodes.AuthProjectOrOrgMismatch, VerdictCodes.BillingNotEnabled, VerdictCodes.ProjectApiNotEnabled,
        VerdictCodes.QuotaExhausted, VerdictCodes.RateLimited, VerdictCodes.ModelNotFound, VerdictCodes.ModelNoAccess,
        VerdictCodes.RequestInvalid, VerdictCodes.ProviderOverloaded, VerdictCodes.ProviderServerError,
        VerdictCodes.ProviderUnexpected, VerdictCodes.ProviderIncident, VerdictCodes.GatewayUpstreamError, VerdictCodes.InfoRoute,
        VerdictCodes.InfoSkipped, VerdictCodes.InfoStatusPage,
        VerdictCodes.DiscordMjBotMissing, VerdictCodes.DiscordMjBotPermissions, VerdictCodes.DiscordUserPermissions,
        VerdictCodes.DiscordChannelUnsupported, VerdictCodes.DiscordChecklist, VerdictCodes.DiscordCannotCheck,
    ];

    /// <summary>The title and next steps for <paramref name="code"/>, with <paramref name="provider"/>'s pages (none: generic).</summary>
    public static CatalogEntry For(string code, ProviderId? provider)
    {
        var table = TableOf(provider);
        return table.TryGetValue(code, out var entry) ? entry : new(code, []);
    }

    /// <summary>A provider's table, keyed by verdict code.</summary>
    internal static IReadOnlyDictionary<string, CatalogEntry> TableOf(ProviderId? provider) => provider switch
    {
        null => AnyProviderNextSteps.Table,
        ProviderId.Midjourney => MidjourneyNextSteps.Table,
        { } id => Tables.GetOrAdd(id, static id => NextStepsTable.For(ProviderRegistry.Get(id))),
    };

    private static readonly ConcurrentDictionary<ProviderId, IReadOnlyDictionary<string, CatalogEntry>> Tables = new();
}

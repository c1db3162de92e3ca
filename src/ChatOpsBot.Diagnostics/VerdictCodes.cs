namespace ChatOpsBot.Diagnostics;

/// <summary>
/// The stable verdict codes of docs/contract.md. Add new ones when a real case needs one; never rename one.
/// </summary>
public static class VerdictCodes
{
    public const string Ok = "ok";

    public const string KeyMissing = "key.missing";
    public const string KeyWhitespace = "key.whitespace";
    public const string KeyQuoted = "key.quoted";
    public const string KeyBearerIncluded = "key.bearer_included";
    public const string KeyPlaceholder = "key.placeholder";
    public const string KeyMasked = "key.masked";
    public const string KeyWrongPlatform = "key.wrong_platform";
    public const string KeyMalformed = "key.malformed";

    /// <summary>An admin/management key used where an inference key is needed (added by ChatOpsBot).</summary>
    public const string KeyAdminKey = "key.admin_key";

    public const string NetworkProxy = "network.proxy";
    public const string NetworkDnsFailed = "network.dns_failed";
    public const string NetworkDnsHijacked = "network.dns_hijacked";
    public const string NetworkConnectFailed = "network.connect_failed";
    public const string NetworkTimeout = "network.timeout";
    public const string NetworkTlsFailed = "network.tls_failed";
    public const string NetworkTlsIntercepted = "network.tls_intercepted";

    /// <summary>The provider, resource or gateway refuses the caller's network (an IP allow-list, a subnet-bound token).</summary>
    public const string NetworkIpNotAllowed = "network.ip_not_allowed";

    public const string RegionUnsupported = "region.unsupported";

    public const string AuthMissingKey = "auth.missing_key";
    public const string AuthInvalidKey = "auth.invalid_key";
    public const string AuthWrongHeader = "auth.wrong_header";
    public const string AuthPermissionDenied = "auth.permission_denied";
    public const string AuthAccountDisabled = "auth.account_disabled";
    public const string AuthKeyRevoked = "auth.key_revoked";
    public const string AuthProjectOrOrgMismatch = "auth.project_or_org_mismatch";

    public const string BillingNotEnabled = "billing.not_enabled";
    public const string ProjectApiNotEnabled = "project.api_not_enabled";
    public const string QuotaExhausted = "quota.exhausted";
    public const string RateLimited = "rate.limited";

    public const string ModelNotFound = "model.not_found";
    public const string ModelNoAccess = "model.no_access";

    public const string RequestInvalid = "request.invalid";
    public const string ProviderOverloaded = "provider.overloaded";
    public const string ProviderServerError = "provider.server_error";
    public const string ProviderUnexpected = "provider.unexpected";

    /// <summary>(warn) The provider's status page reports an incident on the matching component now: name, status, since when, link.</summary>
    public const string ProviderIncident = "provider.incident";

    /// <summary>
    /// A gateway (LiteLLM, one-api/new-api...) accepted the key but its upstream failed: the gateway's operator must act.
    /// Evidence <c>upstream_code</c> carries the upstream's cause as a code of this list.
    /// </summary>
    public const string GatewayUpstreamError = "gateway.upstream_error";

    public const string DiscordMjBotMissing = "discord.mj_bot_missing";
    public const string DiscordMjBotPermissions = "discord.mj_bot_permissions";
    public const string DiscordUserPermissions = "discord.user_permissions";
    public const string DiscordChannelUnsupported = "discord.channel_unsupported";
    public const string DiscordChecklist = "discord.checklist";

    /// <summary>Our bot could not read something it needs to judge (no access, a 403): says what and how to grant it (added by ChatOpsBot).</summary>
    public const string DiscordCannotCheck = "discord.cannot_check";

    /// <summary>Context that never decides a verdict: the route taken, a stage skipped (added by ChatOpsBot).</summary>
    public const string InfoRoute = "info.route";

    /// <summary>What the provider's status page says when it reports no incident, or that its status is unknown (added by ChatOpsBot).</summary>
    public const string InfoStatusPage = "info.status_page";

    /// <summary>A stage that did not run, and why (added by ChatOpsBot).</summary>
    public const string InfoSkipped = "info.skipped";

    /// <summary>A transient failure that a retry overcame: the route is flaky (added by ChatOpsBot).</summary>
    public const string NetworkFlaky = "network.flaky";

    /// <summary>IPv4 connects but IPv6 times out or is unreachable: clients that try IPv6 first hang (added by ChatOpsBot).</summary>
    public const string NetworkIpv6Broken = "network.ipv6_broken";
}

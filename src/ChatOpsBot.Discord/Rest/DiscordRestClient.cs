using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// Discord REST v10 over <see cref="IHttpClientFactory"/>: <c>Authorization: Bot</c> (not on token-authorised
/// interaction routes), the <c>DiscordBot (url, version)</c> User-Agent, discovered rate-limit buckets, the global limit,
/// 429 retries after <c>retry_after</c> and 502/503/504 retries of all but a POST (a Polly pipeline: see
/// <c>DiscordRestClient.Retry.cs</c>). Failures throw <see cref="DiscordApiException"/> carrying Discord's error code;
/// no token reaches a message or a log.
/// </summary>
public sealed partial class DiscordRestClient : IDisposable
{
    public const string HttpClientName = "ChatOpsBot.Discord";

    private readonly IHttpClientFactory _httpClients;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private int _inFlight;
    private readonly ILogger _logger;
    private readonly SecretScrubber _scrubber;
    private readonly IDisposable _tokenRegistration;
    private readonly string _userAgent;
    private readonly ResiliencePipeline<DiscordAnswer> _retry;

    /// <summary>Requests sent and not yet answered in full (a bucket's wait is not counted): a metric, and what tests wait on before moving a fake clock.</summary>
    public int RequestsInFlight => Volatile.Read(ref _inFlight);

    public DiscordRestClient(IHttpClientFactory httpClients, IOptions<DiscordOptions> options, TimeProvider time, SecretScrubber scrubber, ILogger<DiscordRestClient> logger)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _scrubber = scrubber;
        _tokenRegistration = scrubber.Register(_options.Token ?? "");
        _userAgent = $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})";
        RateLimiter = new DiscordRateLimiter(time);
        _retry = RetryPipeline(time, logger);
    }

    public bool IsConfigured => _options.IsConfigured;

    internal DiscordRateLimiter RateLimiter { get; }

    /// <summary>Invalid requests (401/403/429 not shared) counted in the last 10 minutes.</summary>
    public int InvalidRequestsInWindow => RateLimiter.InvalidRequestsInWindow;

    public void Dispose() => _tokenRegistration.Dispose();

    // ---- Gateway and users ----

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        GatewayBotInfo.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Get, "/gateway/bot", "/gateway/bot"), null, cancellationToken).ConfigureAwait(false));

    public async Task<DiscordUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        DiscordUser.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Get, "/users/@me", "/users/@me"), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Opens (or returns) the DM channel with <paramref name="userId"/>.</summary>
    public async Task<DiscordChannel> CreateDmAsync(ulong userId, CancellationToken cancellationToken = default) =>
        DiscordChannel.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Post, "/users/@me/channels", "/users/@me/channels"),
            new JsonObject { ["recipient_id"] = Id(userId) }, cancellationToken).ConfigureAwait(false));

    // ---- Channels, guilds ----

    public async Task<DiscordChannel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default) =>
        DiscordChannel.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Get, $"/channels/{Id(channelId)}", "/channels/{channel_id}", Id(channelId)), null, cancellationToken).ConfigureAwait(false));

    public async Task<DiscordGuild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default) =>
        DiscordGuild.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Get, $"/guilds/{Id(guildId)}", "/guilds/{guild_id}", Id(guildId)), null, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<DiscordRole>> GetGuildRolesAsync(ulong guildId, CancellationToken cancellationToken = default)
    {
        var json = await SendAsync(DiscordRoute.Bot(HttpMethod.Get, $"/guilds/{Id(guildId)}/roles", "/guilds/{guild_id}/roles", Id(guildId)), null, cancellationToken).ConfigureAwait(false);
        return [.. json.EnumerateArray().Select(DiscordRole.Parse)];
    }

    public async Task<DiscordMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default) =>
        DiscordMember.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Get, $"/guilds/{Id(guildId)}/members/{Id(userId)}", "/guilds/{guild_id}/members/{user_id}", Id(guildId)), null, cancellationToken).ConfigureAwait(false));

    /// <summary>POST /channels/{id}/messages; <c>allowed_mentions</c> is always empty, nonce and enforce_nonce are sent when set.</summary>
    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, DiscordMessageBody body, CancellationToken cancellationToken = default) =>
        CreateMessageAsync(channelId, body, waitOutRateLimits: true, cancellationToken);

    /// <summary>
    /// POST /channels/{id}/messages. With <paramref name="waitOutRateLimits"/> false a 429 surfaces at once as
    /// <see cref="DiscordRateLimitException"/> (with <c>retry_after</c>) instead of being waited out: for callers with
    /// their own retry schedule, such as the alert outbox.
    /// </summary>
    public async Task<DiscordMessage> CreateMessageAsync(ulong channelId, DiscordMessageBody body, bool waitOutRateLimits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfOverLimits(body);
        return DiscordMessage.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Post, $"/channels/{Id(channelId)}/messages", "/channels/{channel_id}/messages", Id(channelId)),
            body.ToJson(channelMessage: true), cancellationToken, retry429: waitOutRateLimits, files: body.Files).ConfigureAwait(false));
    }

    public async Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfOverLimits(body);
        return DiscordMessage.Parse(await SendAsync(DiscordRoute.Bot(HttpMethod.Patch, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", "/channels/{channel_id}/messages/{message_id}", Id(channelId)),
            body.ToJson(), cancellationToken, files: body.Files).ConfigureAwait(false));
    }

    // ---- Webhooks (not the interaction kind) ----

    /// <summary>
    /// Executes an incoming webhook: POST <c>{api root}/webhooks/{id}/{token}?wait=true</c>, so a 200 with the created
    /// message confirms delivery. No bot Authorization (the token in the path authorises it), so it works without
    /// <c>Discord:Token</c>. A 429 surfaces at once as <see cref="DiscordRateLimitException"/>; errors as
    /// <see cref="DiscordApiException"/> (10015 Unknown Webhook, 50027 Invalid Webhook Token). Webhooks take no nonce.
    /// The token never reaches a log line or an exception message.
    /// </summary>
    public async Task<DiscordMessage> ExecuteWebhookAsync(DiscordWebhookUrl webhook, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfOverLimits(body);
        var id = Id(webhook.Id);
        var route = new DiscordRoute(HttpMethod.Post, $"/webhooks/{id}/{Escape(webhook.Token)}?wait=true", "/webhooks/{webhook_id}/{webhook_token}",
            $"{id}/{webhook.Token}", UseBotAuth: false, GlobalExempt: false)
        { Display = $"POST /webhooks/{id}/{{token}}" };
        return DiscordMessage.Parse(await SendAsync(route, body.ToJson(), cancellationToken, retry429: false, files: body.Files, apiRoot: webhook.ApiRoot).ConfigureAwait(false));
    }

    /// <summary>Deletes a message (needs MANAGE_MESSAGES for others' messages). <paramref name="auditLogReason"/> goes in X-Audit-Log-Reason.</summary>
    public Task DeleteMessageAsync(ulong channelId, ulong messageId, string? auditLogReason = null, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Bot(HttpMethod.Delete, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", "/channels/{channel_id}/messages/{message_id}", Id(channelId)),
            null, cancellationToken, auditLogReason);

    // ---- Commands ----

    /// <summary>PUT /applications/{app}/commands: replaces the whole global list.</summary>
    public async Task<JsonElement> BulkOverwriteGlobalCommandsAsync(ulong applicationId, JsonArray commands, CancellationToken cancellationToken = default) =>
        await SendAsync(DiscordRoute.Bot(HttpMethod.Put, $"/applications/{Id(applicationId)}/commands", "/applications/{application_id}/commands", Id(applicationId)),
            commands, cancellationToken).ConfigureAwait(false);

    /// <summary>PUT /applications/{app}/guilds/{guild}/commands: replaces the guild's list (instant; no BOT_DM context).</summary>
    public async Task<JsonElement> BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, JsonArray commands, CancellationToken cancellationToken = default) =>
        await SendAsync(DiscordRoute.Bot(HttpMethod.Put, $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands", "/applications/{application_id}/guilds/{guild_id}/commands", Id(guildId)),
            commands, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// GET /applications/{app}/guilds/{guild}/commands/permissions: the per-command permission overrides of an
    /// application in a guild. Documented for the bot's own application; for another one Discord is expected to refuse
    /// (403 20012), which callers treat as "cannot check".
    /// </summary>
    public async Task<JsonElement> GetGuildCommandPermissionsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default) =>
        await SendAsync(DiscordRoute.Bot(HttpMethod.Get, $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands/permissions", "/applications/{application_id}/guilds/{guild_id}/commands/permissions", Id(guildId)),
            null, cancellationToken).ConfigureAwait(false);

    // ---- Interactions ----

    /// <summary>POST /interactions/{id}/{token}/callback with <c>{"type":N,"data":...}</c>. Must happen within 3 s of the interaction.</summary>
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionCallbackType type, JsonObject? data = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["type"] = (int)type };
        if (data is not null)
        {
            body["data"] = data;
        }

        var route = DiscordRoute.Interaction(HttpMethod.Post, $"/interactions/{Id(interactionId)}/{Escape(interactionToken)}/callback",
            "/interactions/{interaction_id}/{token}/callback", $"{Id(interactionId)}/{interactionToken}", $"/interactions/{Id(interactionId)}/{{token}}/callback");
        return SendAsync(route, body, cancellationToken, retry429: true);
    }

    /// <summary>Type 5: "thinking…"; only the EPHEMERAL flag may be set.</summary>
    public Task DeferAsync(DiscordInteraction interaction, bool ephemeral, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.DeferredChannelMessageWithSource,
            ephemeral ? new JsonObject { ["flags"] = DiscordMessageBody.EphemeralFlag } : null, cancellationToken);

    /// <summary>Type 4: an immediate reply.</summary>
    public Task ReplyAsync(DiscordInteraction interaction, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ThrowIfOverLimits(body);
        return CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.ChannelMessageWithSource, body.ToJson(), cancellationToken);
    }

    /// <summary>Type 6: acknowledges a component without a loading state.</summary>
    public Task DeferUpdateAsync(DiscordInteraction interaction, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.DeferredUpdateMessage, null, cancellationToken);

    /// <summary>Type 7: edits the message the component is on.</summary>
    public Task UpdateMessageAsync(DiscordInteraction interaction, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ThrowIfOverLimits(body);
        return CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.UpdateMessage, body.ToJson(), cancellationToken);
    }

    /// <summary>Type 9: opens a modal (title ≤ 45, 1–5 components: Labels wrapping text inputs). Not after a defer, not in reply to a modal.</summary>
    public Task ShowModalAsync(DiscordInteraction interaction, string customId, string title, JsonArray components, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.Modal,
            new JsonObject { ["custom_id"] = customId, ["title"] = title, ["components"] = components.DeepClone() }, cancellationToken);

    /// <summary>PATCH /webhooks/{app}/{token}/messages/@original.</summary>
    public async Task<DiscordMessage> EditOriginalResponseAsync(ulong applicationId, string interactionToken, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ThrowIfOverLimits(body);
        return DiscordMessage.Parse(await SendAsync(WebhookRoute(HttpMethod.Patch, applicationId, interactionToken, "/messages/@original"), body.ToJson(), cancellationToken, files: body.Files).ConfigureAwait(false));
    }

    public async Task<DiscordMessage> GetOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken = default) =>
        DiscordMessage.Parse(await SendAsync(WebhookRoute(HttpMethod.Get, applicationId, interactionToken, "/messages/@original"), null, cancellationToken).ConfigureAwait(false));

    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken = default) =>
        SendAsync(WebhookRoute(HttpMethod.Delete, applicationId, interactionToken, "/messages/@original"), null, cancellationToken);

    /// <summary>POST /webhooks/{app}/{token}: a follow-up message (flags 64 for ephemeral).</summary>
    public async Task<DiscordMessage> CreateFollowupAsync(ulong applicationId, string interactionToken, DiscordMessageBody body, CancellationToken cancellationToken = default)
    {
        ThrowIfOverLimits(body);
        return DiscordMessage.Parse(await SendAsync(WebhookRoute(HttpMethod.Post, applicationId, interactionToken, ""), body.ToJson(), cancellationToken, files: body.Files).ConfigureAwait(false));
    }

    private static DiscordRoute WebhookRoute(HttpMethod method, ulong applicationId, string token, string suffix) =>
        DiscordRoute.Interaction(method, $"/webhooks/{Id(applicationId)}/{Escape(token)}{suffix}", "/webhooks/{application_id}/{token}" + suffix,
            $"{Id(applicationId)}/{token}", $"/webhooks/{Id(applicationId)}/{{token}}{suffix}");

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string token) => Uri.EscapeDataString(token);

    private static void ThrowIfOverLimits(DiscordMessageBody body)
    {
        var problems = DiscordLimits.Check(body);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The message breaks Discord's limits: " + string.Join(" ", problems), nameof(body));
        }
    }
}

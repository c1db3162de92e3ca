using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Rest;

/// <summary>Interaction callback types (DDOCS interactions/receiving-and-responding.mdx#interaction-response-object).</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    AutocompleteResult = 8,
    Modal = 9,
}

/// <summary>
/// Discord REST v10 over <see cref="IHttpClientFactory"/>: <c>Authorization: Bot</c> (not on token-authorised
/// interaction routes), the <c>DiscordBot (url, version)</c> User-Agent, discovered rate-limit buckets, the global limit,
/// 429 retries after <c>retry_after</c>. Failures throw <see cref="DiscordApiException"/> carrying Discord's error code;
/// no token reaches a message or a log.
/// </summary>
public sealed partial class DiscordRestClient : IDisposable
{
    public const string HttpClientName = "ChatOpsBot.Discord";

    /// <summary>How often a rate-limited call is retried after <c>retry_after</c> before giving up.</summary>
    internal const int Max429Retries = 3;

    /// <summary>Longest single 429 wait the client sits through; a longer one surfaces at once.</summary>
    internal static readonly TimeSpan Max429Wait = TimeSpan.FromSeconds(60);

    /// <summary>Longest 429 wait before retrying an interaction callback (the interaction dies 3 s after it was created).</summary>
    internal static readonly TimeSpan MaxCallback429Wait = TimeSpan.FromSeconds(1);

    private readonly IHttpClientFactory _httpClients;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private int _inFlight;
    private readonly ILogger _logger;
    private readonly IDisposable _tokenRegistration;
    private readonly SecretScrubber _scrubber;
    private readonly string _userAgent;

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

    // ---- The pipe ----

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

    private async Task<JsonElement> SendAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken, string? auditLogReason = null, bool retry429 = true,
        IReadOnlyList<DiscordFile>? files = null, Uri? apiRoot = null)
    {
        if (!_options.IsConfigured && route.UseBotAuth)
        {
            throw new InvalidOperationException("Discord is not configured (Discord:Token is not set).");
        }

        var client = _httpClients.CreateClient(HttpClientName);
        var url = new Uri((apiRoot ?? _options.ApiBaseUrl).AbsoluteUri.TrimEnd('/') + route.Path);
        var payload = body?.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            if (RateLimiter.InvalidBudgetExhausted)
            {
                Log.InvalidBudget(_logger, route.Display, RateLimiter.InvalidRequestsInWindow);
                throw new DiscordRateLimitException(0, route.Display, null, null);
            }

            int status;
            string text;
            HttpResponseHeaders headers;
            using (await RateLimiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                using var request = new HttpRequestMessage(route.Method, url);
                request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                if (route.UseBotAuth)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "Bot " + _options.Token);
                }

                if (auditLogReason is not null)
                {
                    request.Headers.TryAddWithoutValidation("X-Audit-Log-Reason", Uri.EscapeDataString(auditLogReason));
                }

                if (files is { Count: > 0 })
                {
                    request.Content = Multipart(payload ?? "{}", files);
                }
                else if (payload is not null)
                {
                    request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
                }

                using var timeout = new CancellationTokenSource(_options.RestTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                Interlocked.Increment(ref _inFlight);
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    headers = response.Headers;
                    RateLimiter.Record(route, status, headers);
                    try
                    {
                        text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException && !linked.IsCancellationRequested)
                    {
                        // A proxy or middlebox labelled the body with a compression it is not in (gzip and deflate throw
                        // InvalidDataException, brotli InvalidOperationException): a transport fault, like a reset.
                        throw new HttpRequestException($"Discord's answer to {route.Display} (status {status}) could not be decoded: it was labelled compressed but is not. Something on the way (a proxy?) changed it.", ex);
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The headers or the body did not come within the limit (a body that stalls is a timeout too).
                    throw new TimeoutException($"Discord did not answer {route.Display} within {_options.RestTimeout.TotalSeconds:0} s.");
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }

            if (status == 429)
            {
                var (retryAfter, global) = Read429(text, headers);
                var scope = DiscordRateLimiter.Header(headers, "X-RateLimit-Scope");
                RateLimiter.Record429(route, retryAfter, global, scope);
                Log.RateLimited(_logger, route.Display, retryAfter.TotalSeconds, scope ?? "none", global);
                // An interaction callback is worth nothing after Discord's 3 s: retry it only after a short wait.
                var longest = route.Template.EndsWith("/callback", StringComparison.Ordinal) ? MaxCallback429Wait : Max429Wait;
                if (!retry429 || attempt >= Max429Retries || retryAfter > longest)
                {
                    throw new DiscordRateLimitException(429, route.Display, retryAfter, scope);
                }

                continue; // the limiter holds the bucket (or everything, when global) until retry_after has passed
            }

            if (status is 502 or 503 or 504 && attempt < 2 && route.Method != HttpMethod.Post)
            {
                var wait = TimeSpan.FromSeconds(1 << attempt);
                Log.ServerError(_logger, route.Display, status, wait.TotalSeconds);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (status is >= 200 and < 300)
            {
                if (status == 204 || text.Length == 0)
                {
                    return default;
                }

                try
                {
                    using var doc = JsonDocument.Parse(text);
                    return doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    // Not Discord's JSON (a captive portal or proxy page with 200): a transport fault, never a crash.
                    throw new HttpRequestException($"Discord's answer to {route.Display} (status {status}) is not JSON: a proxy or portal may have answered instead.", ex);
                }
            }

            throw Error(route, status, text);
        }
    }

    /// <summary>multipart/form-data: <c>payload_json</c> (application/json) then <c>files[n]</c> with their file names (DDOCS reference.mdx#uploading-files).</summary>
    private static MultipartFormDataContent Multipart(string payload, IReadOnlyList<DiscordFile> files)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(payload, Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            content.Add(part, $"files[{i}]", files[i].FileName);
        }

        return content;
    }

    private static (TimeSpan RetryAfter, bool Global) Read429(string text, HttpResponseHeaders headers)
    {
        double? seconds = null;
        var global = string.Equals(DiscordRateLimiter.Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(DiscordRateLimiter.Header(headers, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("retry_after", out var ra) && ra.TryGetDouble(out var s))
                {
                    seconds = s;
                }

                global |= doc.RootElement.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's HTML 429 has no body to read: fall back to the headers.
        }

        seconds ??= DiscordRateLimiter.Number(headers, "Retry-After") ?? DiscordRateLimiter.Number(headers, "X-RateLimit-Reset-After") ?? 1;
        return (TimeSpan.FromSeconds(Math.Max(0, seconds.Value)), global);
    }

    private DiscordApiException Error(DiscordRoute route, int status, string text)
    {
        int code = 0;
        string? message = null;
        string? errors = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                errors = root.TryGetProperty("errors", out var e) ? e.GetRawText() : null;
            }
        }
        catch (JsonException)
        {
            message = null;
        }

        var scrubber = _scrubber;
        var ex = new DiscordApiException(status, code, message is null ? null : scrubber.Scrub(message), route.Display, null, errors is null ? null : scrubber.Scrub(errors));
        Log.Failed(_logger, route.Display, status, code);
        return ex;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Discord rate-limited {Route}: retry after {RetryAfterSeconds} s (scope {Scope}, global {Global}).")]
        public static partial void RateLimited(ILogger logger, string route, double retryAfterSeconds, string scope, bool global);

        [LoggerMessage(2, LogLevel.Information, "Discord answered {Status} to {Route} with code {Code}.")]
        public static partial void Failed(ILogger logger, string route, int status, int code);

        [LoggerMessage(3, LogLevel.Error, "Not sending {Route}: {Count} invalid requests in 10 minutes; waiting for the count to fall to stay far from Discord's ban.")]
        public static partial void InvalidBudget(ILogger logger, string route, int count);

        [LoggerMessage(4, LogLevel.Warning, "Discord answered {Status} to {Route}; retrying in {WaitSeconds} s.")]
        public static partial void ServerError(ILogger logger, string route, int status, double waitSeconds);
    }
}

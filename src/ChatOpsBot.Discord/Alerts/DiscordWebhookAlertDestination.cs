using System.Collections.Concurrent;
using System.Globalization;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Alerts;

/// <summary>
/// <c>discord-webhook:&lt;url&gt;</c>: executes a Discord incoming webhook with <c>?wait=true</c> (a 200 with the message
/// confirms delivery), the alert as a coloured embed, no mentions, no bot token (works without <c>Discord:Token</c>).
/// The webhook's token is a secret: it is registered with the scrubber, and only <see cref="DiscordWebhookUrl.Shown"/>
/// appears in problems and logs.
/// <para>
/// Webhooks take no nonce: when Discord accepted a post but the answer was lost (a timeout, a dropped connection), the
/// outbox's retry posts the alert a second time. The outbox's dedupe key keeps the alert from being queued twice; the
/// transport cannot do more. Use a <c>discord:&lt;channel id&gt;</c> destination where a duplicate matters.
/// </para>
/// </summary>
public sealed partial class DiscordWebhookAlertDestination : IAlertDestination
{
    public const string SchemeName = "discord-webhook";

    private readonly DiscordRestClient _rest;
    private readonly ILogger<DiscordWebhookAlertDestination> _logger;
    private readonly SecretScrubber _scrubber;
    private readonly ConcurrentDictionary<string, IDisposable> _registered = new(StringComparer.Ordinal);

    public DiscordWebhookAlertDestination(DiscordRestClient rest, SecretScrubber scrubber, ILogger<DiscordWebhookAlertDestination> logger)
    {
        _rest = rest;
        _scrubber = scrubber;
        _logger = logger;
    }

    public string Scheme => SchemeName;

    /// <summary>Always: a webhook needs no bot token.</summary>
    public bool IsAvailable => true;

    public string? ValidateAddress(string address)
    {
        if (DiscordWebhookUrl.TryParse(address, out var webhook, out var problem))
        {
            Register(webhook);
            return null;
        }

        return problem;
    }

    public string DescribeAddress(string address) =>
        DiscordWebhookUrl.TryParse(address, out var webhook, out _) ? "Discord webhook " + webhook.Shown : "Discord webhook (invalid URL)";

    public async Task<DeliveryResult> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!DiscordWebhookUrl.TryParse(delivery.Address, out var webhook, out var problem))
        {
            return DeliveryResult.Block(problem);
        }

        Register(webhook);
        var shown = webhook.Shown;
        var body = DiscordReplyRenderer.Render(delivery.Alert);
        try
        {
            var message = await _rest.ExecuteWebhookAsync(webhook, body, cancellationToken).ConfigureAwait(false);
            Log.Delivered(_logger, shown, message.Id, delivery.Attempt);
            return DeliveryResult.Delivered;
        }
        catch (DiscordRateLimitException ex)
        {
            Log.RateLimited(_logger, shown, ex.RetryAfter?.TotalSeconds ?? 0);
            return DeliveryResult.Retry($"Discord is rate-limiting webhook {shown}: trying again later.", ex.RetryAfter);
        }
        catch (DiscordApiException ex) when (ex.Code is DiscordErrorCodes.UnknownWebhook or DiscordErrorCodes.InvalidWebhookToken || ex.Status is 401 or 404)
        {
            Log.Gone(_logger, shown, ex.Status, ex.Code);
            return DeliveryResult.Block($"The webhook was deleted (Discord {ex.Code.ToString(CultureInfo.InvariantCulture)} {(ex.Code == DiscordErrorCodes.InvalidWebhookToken ? "Invalid Webhook Token" : "Unknown Webhook")}): create a new one (channel settings → Integrations → Webhooks) and update the setting. Was: {shown}");
        }
        catch (DiscordApiException ex) when (ex.Status >= 500 || ex.Status == 0)
        {
            Log.Transient(_logger, shown, ex.Status.ToString(CultureInfo.InvariantCulture), ex);
            return DeliveryResult.Retry($"Discord answered {ex.Status.ToString(CultureInfo.InvariantCulture)} to webhook {shown}: trying again later.");
        }
        catch (DiscordApiException ex)
        {
            Log.Refused(_logger, shown, ex.Status, ex.Code, ex.DiscordMessage ?? "");
            return DeliveryResult.Block($"Discord refused the alert for webhook {shown} ({ex.Status.ToString(CultureInfo.InvariantCulture)}, code {ex.Code.ToString(CultureInfo.InvariantCulture)}: {ex.DiscordMessage ?? "no message"}).");
        }
        catch (TimeoutException ex)
        {
            Log.Transient(_logger, shown, "timeout", ex);
            return DeliveryResult.Retry($"Discord did not answer in time for webhook {shown}: trying again later (a webhook has no nonce: if Discord did post it, the retry shows it twice).");
        }
        catch (HttpRequestException ex)
        {
            Log.Transient(_logger, shown, "network", ex);
            return DeliveryResult.Retry($"Could not reach Discord for webhook {shown} ({ex.HttpRequestError}): trying again later.");
        }
    }

    // The token joins the scrubber for the process's life: whatever echoes it (an exception, a log) is masked.
    private void Register(DiscordWebhookUrl webhook) =>
        _registered.GetOrAdd(webhook.Token, static (token, scrubber) => scrubber.Register(token), _scrubber);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert delivered to {Webhook} as message {MessageId} (attempt {Attempt}).")]
        public static partial void Delivered(ILogger logger, string webhook, ulong messageId, int attempt);

        [LoggerMessage(2, LogLevel.Warning, "Alert for {Webhook} rate-limited; retry after {RetryAfterSeconds} s.")]
        public static partial void RateLimited(ILogger logger, string webhook, double retryAfterSeconds);

        [LoggerMessage(3, LogLevel.Error, "Alert not delivered: webhook {Webhook} is gone ({Status}, code {Code}). Create a new webhook and update the destination; the alert waits in the outbox.")]
        public static partial void Gone(ILogger logger, string webhook, int status, int code);

        [LoggerMessage(4, LogLevel.Warning, "Alert for {Webhook} not delivered yet ({Reason}); the outbox retries.")]
        public static partial void Transient(ILogger logger, string webhook, string reason, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "Alert not delivered: Discord refused it for {Webhook} ({Status}, code {Code}: {DiscordMessage}).")]
        public static partial void Refused(ILogger logger, string webhook, int status, int code, string discordMessage);
    }
}

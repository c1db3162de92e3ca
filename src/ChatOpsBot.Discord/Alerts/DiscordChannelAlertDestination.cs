using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Alerts;

/// <summary>
/// <c>discord:&lt;channel id&gt;</c>: the bot posts the alert in a channel (POST /channels/{id}/messages through
/// <see cref="DiscordRestClient"/>, so its buckets and the global limit apply) as a coloured embed, with no mentions.
/// Every attempt of one outbox entry carries the same <c>nonce</c> with <c>enforce_nonce</c>, so when Discord accepted an
/// earlier attempt whose answer was lost, it returns that message instead of posting a second one (within Discord's
/// de-duplication window of a few minutes). A 429 is not waited out here: the outbox retries after <c>retry_after</c>.
/// </summary>
public sealed partial class DiscordChannelAlertDestination : IAlertDestination
{
    public const string SchemeName = "discord";

    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly ILogger<DiscordChannelAlertDestination> _logger;

    public DiscordChannelAlertDestination(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordChannelAlertDestination> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _options = options.Value;
        _logger = logger;
    }

    public string Scheme => SchemeName;

    public bool IsAvailable => _options.IsConfigured;

    public string? ValidateAddress(string address) => TryParseChannel(address, out _, out var problem) ? null : problem;

    public string DescribeAddress(string address) =>
        TryParseChannel(address, out var id, out _) ? $"Discord channel {id.ToString(CultureInfo.InvariantCulture)}" : "Discord channel (invalid id)";

    public async Task<DeliveryResult> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!TryParseChannel(delivery.Address, out var channelId, out var problem))
        {
            return DeliveryResult.Block(problem);
        }

        if (!_options.IsConfigured)
        {
            Log.NotConfigured(_logger, channelId);
            return DeliveryResult.Block("Discord:Token is not set: the bot cannot post in Discord channels. Set the bot token (or use a discord-webhook: destination).");
        }

        var body = DiscordReplyRenderer.Render(delivery.Alert) with
        {
            Nonce = Nonce(delivery.DedupeKey, channelId),
            EnforceNonce = true,
        };
        var mention = $"<#{channelId.ToString(CultureInfo.InvariantCulture)}>";
        try
        {
            var message = await _rest.CreateMessageAsync(channelId, body, waitOutRateLimits: false, cancellationToken).ConfigureAwait(false);
            Log.Delivered(_logger, channelId, message.Id, delivery.Attempt);
            return DeliveryResult.Delivered;
        }
        catch (DiscordRateLimitException ex)
        {
            Log.RateLimited(_logger, channelId, ex.RetryAfter?.TotalSeconds ?? 0);
            return DeliveryResult.Retry($"Discord is rate-limiting posts to channel {mention}: trying again later.", ex.RetryAfter);
        }
        catch (DiscordApiException ex) when (ex.Code is DiscordErrorCodes.MissingAccess or DiscordErrorCodes.MissingPermissions || ex.Status == 403)
        {
            Log.Forbidden(_logger, channelId, ex.Status, ex.Code);
            return DeliveryResult.Block(ex.Code == DiscordErrorCodes.MissingAccess
                ? $"The bot cannot see channel {mention} (Discord 50001 Missing Access): give the bot View Channel, Send Messages and Embed Links in channel {mention}, or add it to that server."
                : $"The bot may not post in channel {mention} (Discord {ex.Code.ToString(CultureInfo.InvariantCulture)} Missing Permissions): give the bot View Channel, Send Messages and Embed Links in channel {mention}{(body.Files is { Count: > 0 } ? ", and Attach Files" : "")}.");
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.UnknownChannel || ex.Status == 404)
        {
            Log.UnknownChannel(_logger, channelId, ex.Code);
            return DeliveryResult.Block($"Discord has no channel {channelId.ToString(CultureInfo.InvariantCulture)} (10003 Unknown Channel): it was deleted or the id is wrong. Fix the destination (right-click the channel → Copy Channel ID).");
        }
        catch (DiscordApiException ex) when (ex.Status == 401)
        {
            Log.Unauthorized(_logger, channelId);
            return DeliveryResult.Block("Discord refused the bot token (401): check Discord:Token.");
        }
        catch (DiscordApiException ex) when (ex.Status >= 500 || ex.Status == 0)
        {
            Log.Transient(_logger, channelId, ex.Status.ToString(CultureInfo.InvariantCulture), ex);
            return DeliveryResult.Retry($"Discord answered {ex.Status.ToString(CultureInfo.InvariantCulture)} when posting to {mention}: trying again later.");
        }
        catch (DiscordApiException ex)
        {
            // Another 4xx (50035 Invalid Form Body, 50008 a non-text channel…): the same body will fail the same way.
            Log.Refused(_logger, channelId, ex.Status, ex.Code, ex.DiscordMessage ?? "");
            return DeliveryResult.Block($"Discord refused the alert for {mention} ({ex.Status.ToString(CultureInfo.InvariantCulture)}, code {ex.Code.ToString(CultureInfo.InvariantCulture)}: {ex.DiscordMessage ?? "no message"}). Is it a text channel?");
        }
        catch (TimeoutException ex)
        {
            Log.Transient(_logger, channelId, "timeout", ex);
            return DeliveryResult.Retry($"Discord did not answer in time when posting to {mention}: trying again later (the same nonce keeps a retry from posting twice).");
        }
        catch (HttpRequestException ex)
        {
            Log.Transient(_logger, channelId, "network", ex);
            return DeliveryResult.Retry($"Could not reach Discord to post to {mention} ({ex.HttpRequestError}): trying again later.");
        }
    }

    /// <summary>
    /// The message nonce for one outbox entry in one channel: stable across retries and restarts, at most 25 characters.
    /// Discord de-duplicates by author and nonce, so the channel is folded in: one alert sent to two channels is two messages.
    /// </summary>
    public static string Nonce(string dedupeKey, ulong channelId)
    {
        ArgumentNullException.ThrowIfNull(dedupeKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey + "|" + channelId.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(hash)[..DiscordLimits.NonceLength];
    }

    internal static bool TryParseChannel(string? address, out ulong channelId, out string problem)
    {
        var text = address?.Trim() ?? "";
        if (text.StartsWith("<#", StringComparison.Ordinal) && text.EndsWith('>'))
        {
            text = text[2..^1];
        }

        if (text.Length is >= 17 and <= 20 && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out channelId) && channelId >> 22 > 0)
        {
            problem = "";
            return true;
        }

        channelId = 0;
        problem = text.Length == 0
            ? "No Discord channel id was given: use discord:<channel id> (right-click the channel → Copy Channel ID, with Developer Mode on)."
            : "A Discord channel id is a number of 17 to 20 digits (right-click the channel → Copy Channel ID, with Developer Mode on).";
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert delivered to Discord channel {ChannelId} as message {MessageId} (attempt {Attempt}).")]
        public static partial void Delivered(ILogger logger, ulong channelId, ulong messageId, int attempt);

        [LoggerMessage(2, LogLevel.Warning, "Alert for Discord channel {ChannelId} rate-limited; retry after {RetryAfterSeconds} s.")]
        public static partial void RateLimited(ILogger logger, ulong channelId, double retryAfterSeconds);

        [LoggerMessage(3, LogLevel.Debug, "Alert not delivered: the bot may not post in Discord channel {ChannelId} ({Status}, code {Code}). Give it View Channel, Send Messages and Embed Links there; the alert waits in the outbox.")]
        public static partial void Forbidden(ILogger logger, ulong channelId, int status, int code);

        [LoggerMessage(4, LogLevel.Debug, "Alert not delivered: Discord channel {ChannelId} does not exist (code {Code}). Fix the destination; the alert waits in the outbox.")]
        public static partial void UnknownChannel(ILogger logger, ulong channelId, int code);

        [LoggerMessage(5, LogLevel.Warning, "Alert for Discord channel {ChannelId} not delivered yet ({Reason}); the outbox retries.")]
        public static partial void Transient(ILogger logger, ulong channelId, string reason, Exception exception);

        [LoggerMessage(6, LogLevel.Debug, "Alert not delivered: Discord refused it for channel {ChannelId} ({Status}, code {Code}: {DiscordMessage}).")]
        public static partial void Refused(ILogger logger, ulong channelId, int status, int code, string discordMessage);

        [LoggerMessage(7, LogLevel.Debug, "Alert for Discord channel {ChannelId} waits: Discord:Token is not set.")]
        public static partial void NotConfigured(ILogger logger, ulong channelId);

        [LoggerMessage(8, LogLevel.Debug, "Alert for Discord channel {ChannelId} not delivered: Discord refused the bot token (401).")]
        public static partial void Unauthorized(ILogger logger, ulong channelId);
    }
}

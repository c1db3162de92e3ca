using ChatOpsBot.Diagnostics.Redaction;
using Telegram.Bot.Exceptions;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>Maps what Telegram.Bot throws to a <see cref="TelegramError"/> whose text passed through the scrubber.</summary>
public static class TelegramErrors
{
    /// <summary>True for Telegram.Bot's exceptions and network failures; false (let it fly) for anything else.</summary>
    public static bool TryMap(Exception exception, SecretScrubber scrubber, out TelegramError error)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        switch (exception)
        {
            case ApiRequestException api:
                error = new TelegramError(
                    api.ErrorCode,
                    scrubber.Scrub(api.Message),
                    api.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null,
                    api.Parameters?.MigrateToChatId);
                return true;
            case RequestException request:
                // 200 with ok:false, a body that is not JSON, a network failure or a timeout.
                var status = request.HttpStatusCode is { } code && (int)code >= 400 ? (int)code : 0;
                error = new TelegramError(status, scrubber.Scrub(request.Message));
                return true;
            case HttpRequestException http:
                error = new TelegramError(http.StatusCode is { } s ? (int)s : 0, scrubber.Scrub("Network failure: " + http.Message));
                return true;
            case TaskCanceledException:
                error = new TelegramError(0, "Bot API request timed out");
                return true;
            default:
                error = null!;
                return false;
        }
    }
}

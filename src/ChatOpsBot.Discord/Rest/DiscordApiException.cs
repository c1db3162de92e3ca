namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// A Discord REST call failed. Carries the HTTP status, Discord's JSON error <see cref="Code"/> and message, and the
/// route with ids but never a token (interaction and webhook tokens show as <c>{token}</c>).
/// </summary>
public class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DiscordApiException(int status, int code, string? discordMessage, string route, TimeSpan? retryAfter = null, string? errorsJson = null)
        : base($"Discord answered {status} to {route}: code {code}{(discordMessage is null ? "" : $" ({discordMessage})")}.")
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
        Route = route;
        RetryAfter = retryAfter;
        ErrorsJson = errorsJson;
    }

    /// <summary>The HTTP status (0 when the client refused to send, see <see cref="DiscordRateLimitException"/>).</summary>
    public int Status { get; }

    /// <summary>Discord's JSON error code (0 for a 401, a 429 or a body without one).</summary>
    public int Code { get; }

    public string? DiscordMessage { get; }

    /// <summary>Method and path, tokens replaced by <c>{token}</c>.</summary>
    public string Route { get; } = "";

    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>errors</c> object of a 50035 Invalid Form Body, raw.</summary>
    public string? ErrorsJson { get; }

    public bool IsUnknownInteraction => Code == DiscordErrorCodes.UnknownInteraction;

    public bool IsAlreadyAcknowledged => Code == DiscordErrorCodes.InteractionAlreadyAcknowledged;

    public bool IsMissingAccessOrPermissions => Code is DiscordErrorCodes.MissingAccess or DiscordErrorCodes.MissingPermissions;

    public bool IsCannotDm => Code == DiscordErrorCodes.CannotSendMessagesToThisUser;
}

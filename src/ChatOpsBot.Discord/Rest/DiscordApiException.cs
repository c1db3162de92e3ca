namespace ChatOpsBot.Discord.Rest;

/// <summary>Discord's JSON error codes the bot acts on (DDOCS topics/opcodes-and-status-codes.mdx#json).</summary>
public static class DiscordErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int UnknownGuild = 10004;
    public const int UnknownMember = 10007;
    public const int UnknownMessage = 10008;
    public const int UnknownWebhook = 10015;
    public const int UnknownUser = 10013;
    public const int UnknownInteraction = 10062;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int MissingAccess = 50001;
    public const int CannotSendMessagesToThisUser = 50007;
    public const int MissingPermissions = 50013;
    public const int InvalidFormBody = 50035;
    public const int InvalidWebhookToken = 50027;
}

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

/// <summary>The client gave up on a rate limit (429s past the retry budget) or refused to send to keep far from the invalid-request limit.</summary>
public sealed class DiscordRateLimitException : DiscordApiException
{
    public DiscordRateLimitException()
    {
    }

    public DiscordRateLimitException(string message)
        : base(message)
    {
    }

    public DiscordRateLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DiscordRateLimitException(int status, string route, TimeSpan? retryAfter, string? scope)
        : base(status, 0, status == 0 ? "invalid-request budget used up; not sent" : $"rate limited (scope {scope ?? "unknown"})", route, retryAfter)
    {
        Scope = scope;
    }

    public string? Scope { get; }
}

namespace ChatOpsBot.Testing.Telegram;

/// <summary>A scripted failure for the next call of one method.</summary>
public sealed record FakeTelegramFailure(int ErrorCode, string Description, int? RetryAfter = null, long? MigrateToChatId = null, bool Drop = false)
{
    /// <summary>The connection is aborted without an answer.</summary>
    public static FakeTelegramFailure DropConnection() => new(0, "", Drop: true);

    /// <summary>429 "Too Many Requests: retry after N" with parameters.retry_after.</summary>
    public static FakeTelegramFailure TooManyRequests(int retryAfter) => new(429, $"Too Many Requests: retry after {retryAfter}", RetryAfter: retryAfter);

    /// <summary>A 5xx, as Telegram's front end gives during an outage.</summary>
    public static FakeTelegramFailure ServerError(int status = 502) => new(status, status == 502 ? "Bad Gateway" : "Internal Server Error");

    public static FakeTelegramFailure Error(int errorCode, string description) => new(errorCode, description);
}

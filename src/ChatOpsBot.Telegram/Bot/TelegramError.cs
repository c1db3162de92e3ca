namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// What Telegram (or the network) answered instead of a result: the Bot API's <c>error_code</c> and
/// <c>description</c>, and its <c>parameters</c>. Scrubbed: never holds the bot token.
/// </summary>
/// <param name="ErrorCode">Telegram's error_code (usually the HTTP status); 0 for a network failure or timeout.</param>
/// <param name="Description">Telegram's description ("Bad Request: chat not found"), or what failed on the way.</param>
/// <param name="RetryAfter">parameters.retry_after of a 429.</param>
/// <param name="MigrateToChatId">parameters.migrate_to_chat_id: the group became this supergroup.</param>
public sealed record TelegramError(int ErrorCode, string Description, TimeSpan? RetryAfter = null, long? MigrateToChatId = null)
{
    /// <summary>True for failures that may pass by themselves: network, timeout, 429, 5xx.</summary>
    public bool IsTransient => ErrorCode is 0 or 429 or >= 500;

    /// <summary>The token was refused (401); nothing will work until it is replaced.</summary>
    public bool IsUnauthorized => ErrorCode == 401;

    /// <summary>A 400 whose description starts with <paramref name="prefix"/> after "Bad Request: ", case-insensitively.</summary>
    public bool IsBadRequest(string prefix) =>
        ErrorCode == 400 && Description.StartsWith("Bad Request: " + prefix, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => ErrorCode == 0 ? Description : $"{ErrorCode} {Description}";
}

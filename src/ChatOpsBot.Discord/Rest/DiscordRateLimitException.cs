namespace ChatOpsBot.Discord.Rest;

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

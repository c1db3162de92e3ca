using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// The request retry, a Polly pipeline on the injected <see cref="TimeProvider"/>: a 429 is sent again (at most
/// <see cref="Max429Retries"/> times) once <see cref="DiscordRateLimiter"/> lets the bucket go, with no delay of its
/// own (the limiter holds the bucket, or everything when global, until <c>retry_after</c> has passed); a 502/503/504 to
/// anything but a POST is sent again after 1 s, then 2 s. Nothing else is retried: not a transport error, not a
/// timeout, never a POST that may have been applied. One attempt count serves both, as each attempt is one request.
/// </summary>
public sealed partial class DiscordRestClient
{
    /// <summary>How often a rate-limited call is retried after <c>retry_after</c> before giving up.</summary>
    internal const int Max429Retries = 3;

    /// <summary>How often a 502/503/504 to a call other than a POST is retried.</summary>
    private const int MaxServerErrorRetries = 2;

    /// <summary>Longest single 429 wait the client sits through; a longer one surfaces at once.</summary>
    internal static readonly TimeSpan Max429Wait = TimeSpan.FromSeconds(60);

    /// <summary>Longest 429 wait before retrying an interaction callback (the interaction dies 3 s after it was created).</summary>
    internal static readonly TimeSpan MaxCallback429Wait = TimeSpan.FromSeconds(1);

    private static ResiliencePipeline<DiscordAnswer> RetryPipeline(TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder<DiscordAnswer> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<DiscordAnswer>
            {
                MaxRetryAttempts = Max429Retries,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber)),
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome, args.AttemptNumber)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { Retry: DiscordRetry.ServerError } answer)
                    {
                        Log.ServerError(logger, answer.Route, answer.Status, args.RetryDelay.TotalSeconds);
                    }

                    return default;
                },
            })
            .Build();

    /// <summary>Only answers are retried (an exception surfaces as it is), each kind up to its own count.</summary>
    private static bool ShouldRetry(Outcome<DiscordAnswer> outcome, int attempt) => outcome.Result?.Retry switch
    {
        DiscordRetry.RateLimited => attempt < Max429Retries,
        DiscordRetry.ServerError => attempt < MaxServerErrorRetries,
        _ => false,
    };

    /// <summary>None after a 429 (the limiter waits); 1 s, then 2 s after a server error.</summary>
    private static TimeSpan RetryDelay(Outcome<DiscordAnswer> outcome, int attempt) =>
        outcome.Result?.Retry == DiscordRetry.ServerError ? TimeSpan.FromSeconds(1 << attempt) : TimeSpan.Zero;

    /// <summary>What the retry may do with an answer.</summary>
    private enum DiscordRetry
    {
        None,
        RateLimited,
        ServerError,
    }

    /// <summary>Discord's answer to one attempt: status and body read in full, and whether it may be sent again.</summary>
    private sealed record DiscordAnswer(string Route, int Status, string Text, DiscordRetry Retry)
    {
        /// <summary>The 429's <c>retry_after</c>.</summary>
        public TimeSpan? RetryAfter { get; init; }

        /// <summary>The 429's <c>X-RateLimit-Scope</c>.</summary>
        public string? Scope { get; init; }
    }
}

using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// When a probe is retried: only transient failures (no answer, a timeout, a 5xx), never a 4xx (that answer is the
/// diagnosis), and never when a Retry-After would outlast the deadline.
/// </summary>
public static class ProbeRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (outcome.Exception is { } ex)
        {
            return ex switch
            {
                HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } => false,
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => false,
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false,
                HttpRequestException or IOException or SocketException or TimeoutRejectedException => true,
                _ => false,
            };
        }

        if (outcome.Result is not { } response || (int)response.StatusCode < 500)
        {
            return false;
        }

        var retryAfter = RetryAfter(outcome);
        if (retryAfter is { } wait
            && context.GetRequestMessage()?.Options.TryGetValue(ProbeAttemptLog.DeadlineKey, out var deadline) == true
            && timeProvider.GetUtcNow() + wait >= deadline)
        {
            return false; // honouring it would outlast the diagnosis: report what we have
        }

        return true;
    }

    /// <summary>The server's Retry-After, when it gave one (seconds or a date); null otherwise.</summary>
    public static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date && outcome.Result?.Headers.Date is { } now)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// Discord's REST limits, discovered from the X-RateLimit headers (DDOCS topics/rate-limits.mdx): one queue per route
/// and top-level resource, bucket state keyed by X-RateLimit-Bucket + that resource, the global 50 requests/s (interaction
/// routes exempt), and a count of invalid requests (401/403/429 except shared-scope 429s) kept far below 10,000 per 10 minutes.
/// </summary>
internal sealed class DiscordRateLimiter
{
    public const int GlobalPerSecond = 50;

    /// <summary>Invalid requests per 10 minutes at which the client stops sending (Discord bans at 10,000).</summary>
    public const int InvalidRequestBudget = 2_500;

    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _routeBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);
    private readonly Lock _globalGate = new();
    private readonly Queue<long> _globalSends = new();
    private readonly Queue<long> _invalid = new();
    private long _globalBlockedUntil;

    public DiscordRateLimiter(TimeProvider time) => _time = time;

    /// <summary>Called just after a wait starts (reason, length): lets tests advance fake time exactly then.</summary>
    internal Action<string, TimeSpan>? Waiting { get; set; }

    public int InvalidRequestsInWindow
    {
        get
        {
            lock (_invalid)
            {
                Trim(_invalid, InvalidWindow);
                return _invalid.Count;
            }
        }
    }

    /// <summary>Waits for the route's queue, its bucket and the global limit; dispose the lease once the response is recorded.</summary>
    public async Task<IDisposable> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        if (_queues.Count > 4096)
        {
            Sweep();
        }

        var gate = _queues.GetOrAdd(route.QueueKey, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (BucketFor(route) is { } state && state.WaitFor(_time.GetTimestamp(), _time) is { } wait)
            {
                await DelayAsync("bucket", wait, cancellationToken).ConfigureAwait(false);
            }

            if (!route.GlobalExempt)
            {
                while (GlobalWait() is { } wait)
                {
                    await DelayAsync("global", wait, cancellationToken).ConfigureAwait(false);
                }
            }

            return new Lease(gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Records a response's rate-limit headers (any status).</summary>
    public void Record(DiscordRoute route, int status, HttpResponseHeaders headers)
    {
        if (status is 401 or 403)
        {
            CountInvalid();
        }

        var bucket = Header(headers, "X-RateLimit-Bucket");
        if (bucket is not null && !(_routeBuckets.TryGetValue(route.RouteKey, out var known) && string.Equals(known, bucket, StringComparison.Ordinal)))
        {
            _routeBuckets[route.RouteKey] = bucket; // written only when it changes: every interaction's edits share this route key
        }

        if (Number(headers, "X-RateLimit-Remaining") is { } remaining && Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
        {
            var state = _buckets.GetOrAdd(StateKey(route), static _ => new BucketState());
            state.Update((int)remaining, _time.GetTimestamp() + Ticks(TimeSpan.FromSeconds(resetAfter)));
        }
    }

    /// <summary>Records a 429: blocks the bucket, or every non-exempt route when global, for <paramref name="retryAfter"/>.</summary>
    public void Record429(DiscordRoute route, TimeSpan retryAfter, bool global, string? scope)
    {
        if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
        {
            CountInvalid();
        }

        var until = _time.GetTimestamp() + Ticks(retryAfter);
        if (global)
        {
            lock (_globalGate)
            {
                _globalBlockedUntil = Math.Max(_globalBlockedUntil, until);
            }
        }

        _buckets.GetOrAdd(StateKey(route), static _ => new BucketState()).Update(0, until);
    }

    public bool InvalidBudgetExhausted => InvalidRequestsInWindow >= InvalidRequestBudget;

    internal static double? Number(HttpResponseHeaders headers, string name) =>
        Header(headers, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    internal static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private string StateKey(DiscordRoute route) =>
        (_routeBuckets.TryGetValue(route.RouteKey, out var bucket) ? bucket : route.RouteKey) + "|" + route.Major;

    private BucketState? BucketFor(DiscordRoute route) => _buckets.TryGetValue(StateKey(route), out var s) ? s : null;

    private TimeSpan? GlobalWait()
    {
        lock (_globalGate)
        {
            var now = _time.GetTimestamp();
            if (_globalBlockedUntil > now)
            {
                return _time.GetElapsedTime(now, _globalBlockedUntil);
            }

            Trim(_globalSends, TimeSpan.FromSeconds(1));
            if (_globalSends.Count >= GlobalPerSecond)
            {
                return _time.GetElapsedTime(now, _globalSends.Peek() + Ticks(TimeSpan.FromSeconds(1)));
            }

            _globalSends.Enqueue(now);
            return null;
        }
    }

    private void CountInvalid()
    {
        lock (_invalid)
        {
            Trim(_invalid, InvalidWindow);
            _invalid.Enqueue(_time.GetTimestamp());
        }
    }

    private void Trim(Queue<long> queue, TimeSpan window)
    {
        var now = _time.GetTimestamp();
        while (queue.Count > 0 && _time.GetElapsedTime(queue.Peek(), now) >= window)
        {
            queue.Dequeue();
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Waits <paramref name="wait"/> on the client's clock, reported to <see cref="Waiting"/> as <paramref name="reason"/>.</summary>
    internal async Task DelayAsync(string reason, TimeSpan wait, CancellationToken cancellationToken)
    {
        var delay = Task.Delay(wait, _time, cancellationToken);
        Waiting?.Invoke(reason, wait);
        await delay.ConfigureAwait(false);
    }

    // Forgets idle queues and long-expired buckets (interaction routes make one each).
    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, state) in _buckets)
        {
            if (state.ExpiredLongAgo(now, _time))
            {
                _buckets.TryRemove(key, out _);
            }
        }

        foreach (var (key, gate) in _queues)
        {
            if (gate.CurrentCount == 1)
            {
                _queues.TryRemove(key, out _);
            }
        }
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class BucketState
    {
        private readonly Lock _gate = new();
        private int _remaining = 1;
        private long _resetAt;

        public void Update(int remaining, long resetAt)
        {
            lock (_gate)
            {
                _remaining = remaining;
                _resetAt = resetAt;
            }
        }

        /// <summary>Null when a request may go now (and takes a slot); otherwise how long until the bucket resets.</summary>
        public TimeSpan? WaitFor(long now, TimeProvider time)
        {
            lock (_gate)
            {
                if (_remaining > 0 || now >= _resetAt)
                {
                    if (now >= _resetAt)
                    {
                        _remaining = int.MaxValue; // unknown until the next response's headers
                    }

                    _remaining--;
                    return null;
                }

                return time.GetElapsedTime(now, _resetAt);
            }
        }

        public bool ExpiredLongAgo(long now, TimeProvider time)
        {
            lock (_gate)
            {
                return _resetAt < now && time.GetElapsedTime(_resetAt, now) > TimeSpan.FromMinutes(1);
            }
        }
    }
}

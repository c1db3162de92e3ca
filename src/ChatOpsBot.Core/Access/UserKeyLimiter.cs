using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Access;

/// <summary>
/// At most <see cref="AccessOptions.UserKeyChecksPerHour"/> checks of a user's own keys per user in any hour (a
/// sliding window), so the bot is no oracle for stolen keys. Time comes from <see cref="TimeProvider"/>. Memory is
/// bounded: a user's entry holds at most the limit's timestamps, and users with no check in the last hour are swept
/// out whenever the table doubles.
/// </summary>
public sealed class UserKeyLimiter(TimeProvider timeProvider, IOptions<AccessOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const int MinSweepAt = 1024;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _users = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _sweepAt = MinSweepAt;

    /// <summary>How many users the limiter remembers now (for tests of its bound).</summary>
    public int TrackedUsers
    {
        get
        {
            lock (_gate)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>
    /// Takes up to <paramref name="wanted"/> checks for <paramref name="user"/>. Returns how many were granted;
    /// when fewer, <paramref name="retryAt"/> is when the next one frees up.
    /// </summary>
    public int Acquire(string user, int wanted, out DateTimeOffset? retryAt)
    {
        ArgumentNullException.ThrowIfNull(user);
        var limit = options.Value.UserKeyChecksPerHour;
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_users.TryGetValue(user, out var stamps))
            {
                SweepIfLarge(now);
                stamps = new Queue<DateTimeOffset>(Math.Min(limit, 8));
                _users[user] = stamps;
            }

            Expire(stamps, now);
            var granted = Math.Clamp(limit - stamps.Count, 0, Math.Max(wanted, 0));
            for (var i = 0; i < granted; i++)
            {
                stamps.Enqueue(now);
            }

            retryAt = granted < wanted && stamps.Count > 0 ? stamps.Peek() + Window : null;
            if (stamps.Count == 0)
            {
                _users.Remove(user);
            }

            return granted;
        }
    }

    private static void Expire(Queue<DateTimeOffset> stamps, DateTimeOffset now)
    {
        while (stamps.Count > 0 && stamps.Peek() + Window <= now)
        {
            stamps.Dequeue();
        }
    }

    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_users.Count < _sweepAt)
        {
            return;
        }

        foreach (var (user, stamps) in _users.ToList())
        {
            Expire(stamps, now);
            if (stamps.Count == 0)
            {
                _users.Remove(user);
            }
        }

        _sweepAt = Math.Max(MinSweepAt, _users.Count * 2);
    }
}

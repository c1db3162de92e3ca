namespace ChatOpsBot.Diagnostics.Resilience;

/// <summary>
/// The one back-off of the loops that are not request retries (Telegram polling and its restarts, the Discord gateway
/// reconnect, the alert outbox's retry schedule, the monitor's jittered waits): a step that starts at
/// <see cref="Initial"/> and doubles per attempt (at most <see cref="MaxDoublings"/> times), capped at <see cref="Max"/>,
/// then scaled by a random factor between <see cref="JitterLow"/> and <see cref="JitterHigh"/> and capped at
/// <see cref="Max"/> again. Request retries (Discord REST, Telegram Bot API) are Polly pipelines instead; this is for
/// loops that wait on their own <see cref="TimeProvider"/> timer between rounds.
/// </summary>
/// <param name="Initial">The step of the first attempt.</param>
/// <param name="Max">The longest delay, jitter included.</param>
/// <param name="JitterLow">The smallest factor the step is scaled by.</param>
/// <param name="JitterHigh">The largest factor the step is scaled by.</param>
/// <param name="MaxDoublings">How many times the step doubles at most.</param>
public sealed record JitteredBackoff(TimeSpan Initial, TimeSpan Max, double JitterLow, double JitterHigh, int MaxDoublings = 30)
{
    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> (1 for the first failure) with <paramref name="random"/> in
    /// [0, 1) choosing the place in the jitter range.
    /// </summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var doublings = Math.Clamp(attempt - 1, 0, MaxDoublings);
        var step = Math.Min(Initial.Ticks * Math.Pow(2, doublings), Max.Ticks);
        var jittered = Math.Min(step * Factor(JitterLow, JitterHigh, random), Max.Ticks);
        return TimeSpan.FromTicks((long)Math.Round(jittered));
    }

    /// <summary>The delay before attempt <paramref name="attempt"/>, jittered by <see cref="Random.Shared"/>.</summary>
    public TimeSpan Delay(int attempt) => Delay(attempt, NextRandom());

    /// <summary>A random share of <paramref name="interval"/> between <paramref name="low"/> and <paramref name="high"/> of it.</summary>
    public static TimeSpan Spread(TimeSpan interval, double low, double high) => interval * Factor(low, high, NextRandom());

    /// <summary>A random number in [0, 1) for jitter.</summary>
    public static double NextRandom()
    {
#pragma warning disable CA5394 // jitter spreads load and retries; it guards nothing
        return Random.Shared.NextDouble();
#pragma warning restore CA5394
    }

    private static double Factor(double low, double high, double random) => low + (random * (high - low));
}

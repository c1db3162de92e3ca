namespace ChatOpsBot.Telegram.Polling;

/// <summary>Exponential back-off, capped, with full jitter between half and all of the step.</summary>
internal static class Backoff
{
    public static TimeSpan Next(int attempt, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var step = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        var jittered = step * (0.5 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }
}

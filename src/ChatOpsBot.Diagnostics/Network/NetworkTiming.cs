namespace ChatOpsBot.Diagnostics.Network;

/// <summary>How the network checks report elapsed time: milliseconds, two decimals.</summary>
internal static class NetworkTiming
{
    public static double ElapsedMs(TimeProvider timeProvider, long start) =>
        Math.Round(timeProvider.GetElapsedTime(start).TotalMilliseconds, 2);
}

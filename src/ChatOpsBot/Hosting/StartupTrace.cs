using System.Diagnostics;
using System.Globalization;

namespace ChatOpsBot.Hosting;

/// <summary>
/// Where start-up time goes: with <c>CHATOPSBOT_STARTUP_TRACE=1</c> each phase of a verb is written to standard error
/// as milliseconds since the process started (and since <c>Main</c>), so a cold start can be taken apart without a
/// profiler. Off by default: a check of one static field per phase.
/// </summary>
public static class StartupTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string Variable = "CHATOPSBOT_STARTUP_TRACE";

    private static readonly long MainStarted = Stopwatch.GetTimestamp();
    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) is "1" or "true";

    /// <summary>Writes "<paramref name="phase"/> at N ms" when the trace is on; nothing else.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        var sinceMain = Stopwatch.GetElapsedTime(MainStarted).TotalMilliseconds;
        var sinceProcess = (TimeProvider.System.GetUtcNow() - Process.GetCurrentProcess().StartTime.ToUniversalTime()).TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[startup] {phase,-28} {sinceProcess,8:0.0} ms since the process started, {sinceMain,8:0.0} ms since Main"));
    }
}

using System.Globalization;

namespace ChatOpsBot.Bench;

/// <summary>Samples the 1-minute load average (/proc/loadavg) every second until stopped: how busy the machine was.</summary>
internal sealed class LoadSampler : IDisposable
{
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoadSampler() => _loop = Task.Run(LoopAsync);

    /// <summary>Stops sampling; "min–max" of what was seen, or "n/a" where /proc/loadavg does not exist.</summary>
    public string Stop()
    {
        _stop.Cancel();
        _loop.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        lock (_samples)
        {
            return _samples.Count == 0
                ? "n/a"
                : string.Create(CultureInfo.InvariantCulture, $"{_samples.Min():F1}–{_samples.Max():F1}");
        }
    }

    public void Dispose() => _stop.Dispose();

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            if (Read() is { } load)
            {
                lock (_samples)
                {
                    _samples.Add(load);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    private static double? Read()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

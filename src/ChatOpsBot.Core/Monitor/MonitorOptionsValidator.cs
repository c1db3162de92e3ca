using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Checks <c>Monitor</c> at start and reports every problem at once, each naming its setting. Names, providers and key
/// references of targets are checked with the team keys (<see cref="TeamKeys.TeamKeysOptionsValidator"/>); this checks
/// what only the monitor uses: intervals, destinations (against the registered <see cref="IAlertDestination"/>s) and
/// thresholds.
/// </summary>
public sealed class MonitorOptionsValidator(IEnumerable<IAlertDestination> destinations) : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var byScheme = destinations.ToDictionary(d => d.Scheme, StringComparer.OrdinalIgnoreCase);
        var schemes = byScheme.Count == 0 ? "none is registered" : string.Join(", ", byScheme.Keys.Order(StringComparer.Ordinal));
        for (var i = 0; i < options.Targets.Count; i++)
        {
            var path = $"{MonitorOptions.SectionName}:Targets:{i}";
            var target = options.Targets[i];
            if (target.Interval < MonitorOptions.MinimumInterval)
            {
                failures.Add($"{path}:Interval must be at least {Show(MonitorOptions.MinimumInterval)}.");
            }

            for (var j = 0; j < target.Destinations.Count; j++)
            {
                var problem = DestinationProblem(target.Destinations[j], byScheme, schemes);
                if (problem is not null)
                {
                    failures.Add($"{path}:Destinations:{j} {problem}");
                }
            }
        }

        if (options.FailuresBeforeAlert is < 1 or > 100)
        {
            failures.Add("Monitor:FailuresBeforeAlert must be between 1 and 100.");
        }

        if (options.RenotifyEvery != TimeSpan.Zero && options.RenotifyEvery < TimeSpan.FromMinutes(1))
        {
            failures.Add("Monitor:RenotifyEvery must be at least 00:01:00, or 00:00:00 for no reminders.");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            failures.Add("Monitor:MaxConcurrency must be between 1 and 64.");
        }

        if (options.FlapChanges is < 0 or 1 or > 100)
        {
            failures.Add("Monitor:FlapChanges must be 0 (no flap damping) or between 2 and 100.");
        }

        if (options.FlapChanges > 0 && options.FlapWindow < TimeSpan.FromMinutes(1))
        {
            failures.Add("Monitor:FlapWindow must be at least 00:01:00.");
        }

        if (options.HistoryRetention < TimeSpan.FromDays(1))
        {
            failures.Add("Monitor:HistoryRetention must be at least 1.00:00:00 (a day: /status shows the last 24 hours).");
        }

        if (options.DeliveryRetryMin < TimeSpan.FromSeconds(1) || options.DeliveryRetryMax < options.DeliveryRetryMin)
        {
            failures.Add("Monitor:DeliveryRetryMin must be at least 00:00:01, and Monitor:DeliveryRetryMax at least as long.");
        }

        if (options.BlockedRetryEvery < TimeSpan.FromSeconds(1))
        {
            failures.Add("Monitor:BlockedRetryEvery must be at least 00:00:01.");
        }

        if (QuietHours.TryCreate(options.QuietHours, out var quietProblem) is null)
        {
            failures.Add(quietProblem!);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why <paramref name="destination"/> cannot be used, or null; never echoes an address that is a URL.</summary>
    internal static string? DestinationProblem(string? destination, IReadOnlyDictionary<string, IAlertDestination> byScheme, string schemes)
    {
        var parsed = AlertDestinationRef.TryParse(destination);
        if (parsed is null)
        {
            return "must look like discord:<channel id>, discord-webhook:<url> or telegram:<chat id>.";
        }

        if (!byScheme.TryGetValue(parsed.Scheme, out var handler))
        {
            return $"has the scheme \"{parsed.Scheme}\", which no alert destination handles (known: {schemes}).";
        }

        var problem = handler.ValidateAddress(parsed.Address);
        return problem is null ? null : $"({handler.DescribeAddress(parsed.Address)}): {problem}";
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}

namespace ChatOpsBot.Core.Monitor;

/// <summary>The answer to <see cref="IMonitorControl.GetOverviewAsync"/>.</summary>
public sealed record MonitorOverview(IReadOnlyList<TargetStatus> Targets, IReadOnlyList<DestinationStatus> Destinations, DateTimeOffset Now);

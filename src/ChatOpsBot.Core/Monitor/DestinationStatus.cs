namespace ChatOpsBot.Core.Monitor;

/// <summary>A destination as <c>/alerts list</c> shows it.</summary>
/// <param name="Destination">The destination, safe to show (a webhook URL without its token).</param>
/// <param name="FromConfig">True when configured for a target; false when it came from <c>/alerts subscribe</c>.</param>
/// <param name="Targets">The targets whose alerts go there.</param>
/// <param name="Waiting">Alerts queued for it and not yet delivered.</param>
/// <param name="Problem">Why the last delivery failed (missing permission, platform not configured…); null when fine.</param>
/// <param name="LastDelivered">When an alert last reached it.</param>
public sealed record DestinationStatus(
    string Destination,
    bool FromConfig,
    IReadOnlyList<string> Targets,
    int Waiting,
    string? Problem,
    DateTimeOffset? LastDelivered);

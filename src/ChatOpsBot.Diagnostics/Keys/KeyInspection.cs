namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>The offline verdict on a key, before anything is sent.</summary>
/// <param name="UsableKey">
/// The key to send in probes: the raw value with what hygiene found removed (surrounding whitespace, quotes, a
/// pasted <c>Bearer </c>), or null when nothing sensible can be sent (missing, placeholder, masked, or characters an
/// HTTP header cannot carry).
/// </param>
/// <param name="Findings">The key stage's findings; a single <c>ok</c> finding when all is well.</param>
/// <param name="Shape">What the key looks like, whatever the expected provider.</param>
public sealed record KeyInspection(string? UsableKey, IReadOnlyList<Finding> Findings, KeyShape Shape);

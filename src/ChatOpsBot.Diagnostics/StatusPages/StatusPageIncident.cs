namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>An incident a status page reports now.</summary>
/// <param name="Name">Its title on the page ("Elevated errors for multiple models").</param>
/// <param name="Status"><c>investigating</c>, <c>identified</c>, <c>monitoring</c>; for a component without an incident, the component's status.</param>
/// <param name="Impact"><c>minor</c>, <c>major</c>, <c>critical</c>, if the page says.</param>
/// <param name="Since">When it started, if the page says.</param>
/// <param name="Link">Where a person reads it.</param>
/// <param name="Components">The components it names (names, or ids where the page gives only those).</param>
public sealed record StatusPageIncident(
    string Name,
    string Status,
    string? Impact,
    DateTimeOffset? Since,
    Uri Link,
    IReadOnlyList<string> Components);

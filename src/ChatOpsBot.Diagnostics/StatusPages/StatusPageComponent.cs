namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>One component of a status page and its status (<c>operational</c>, <c>partial_outage</c>…).</summary>
public sealed record StatusPageComponent(string Id, string Name, string Status)
{
    /// <summary>True unless the component is <c>operational</c>.</summary>
    public bool Affected => !string.Equals(Status, "operational", StringComparison.OrdinalIgnoreCase);
}

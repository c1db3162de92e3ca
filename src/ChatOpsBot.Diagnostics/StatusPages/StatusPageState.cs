namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>What a status page said, as far as an API key is concerned.</summary>
public enum StatusPageState
{
    /// <summary>Turned off (<c>StatusPages:&lt;Name&gt;:Url</c> = <c>none</c>) or no page is known.</summary>
    Off,

    /// <summary>The provider publishes no page a program can read: a link only.</summary>
    LinkOnly,

    /// <summary>The page did not answer in time, failed, or answered something unreadable.</summary>
    Unknown,

    /// <summary>No incident and every watched component operational.</summary>
    Operational,

    /// <summary>An incident (or a non-operational watched component) now.</summary>
    Incident,
}

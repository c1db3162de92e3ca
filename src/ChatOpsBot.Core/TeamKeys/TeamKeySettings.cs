namespace ChatOpsBot.Core.TeamKeys;

/// <summary>
/// One named team key (<c>TeamKeys:N</c>) or monitor target (<c>Monitor:Targets:N</c>): where its value is read from,
/// never the value itself. A monitor target adds its own fields (interval, destinations): <c>MonitorTargetSettings</c>.
/// </summary>
public class TeamKeySettings
{
    /// <summary>The name users type (<c>key:prod</c>).</summary>
    public string? Name { get; set; }

    /// <summary><c>openai</c>, <c>anthropic</c> or <c>gemini</c> (aliases allowed).</summary>
    public string? Provider { get; set; }

    /// <summary>The environment variable holding the key.</summary>
    public string? KeyEnv { get; set; }

    /// <summary>A file holding the key (a mounted secret); a trailing newline is fine.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Also check access to this model.</summary>
    public string? Model { get; set; }

    /// <summary>The provider's API root (a gateway), or null for the provider's own host.</summary>
    public string? BaseUrl { get; set; }
}

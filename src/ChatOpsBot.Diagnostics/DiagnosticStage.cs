namespace ChatOpsBot.Diagnostics;

/// <summary>The stages of a diagnosis, in the order they run (docs/engine.md).</summary>
public enum DiagnosticStage
{
    Key = 0,
    Route = 1,
    Network = 2,
    Egress = 3,
    Auth = 4,
    Model = 5,
    Deep = 6,

    /// <summary>Midjourney on Discord: what our bot could read of this server and channel.</summary>
    Server = 7,

    /// <summary>Midjourney on Discord: the channel's type.</summary>
    Channel = 8,

    /// <summary>Midjourney on Discord: is the Midjourney Bot a member of the server.</summary>
    MidjourneyBot = 9,

    /// <summary>Midjourney on Discord: the Midjourney Bot's permissions in the channel.</summary>
    BotPermissions = 10,

    /// <summary>Midjourney on Discord: the invoking user's permissions in the channel.</summary>
    UserPermissions = 11,

    /// <summary>Midjourney on Discord: what no bot can see (subscription, verification, moderation).</summary>
    Account = 12,
}

namespace ChatOpsBot.Core.Commands;

/// <summary>What a message asks for.</summary>
public enum CommandKind
{
    /// <summary>Not a command (plain text; may still carry a key).</summary>
    None,

    Diagnose,
    Status,
    Help,
    Keys,

    /// <summary><c>/alerts list|subscribe|unsubscribe|mute|unmute|test</c>; the subcommand is in <see cref="ChatCommand.Alert"/>.</summary>
    Alerts,

    /// <summary>A command word nobody knows, or an option the command does not take.</summary>
    Unknown,

    /// <summary>A Telegram command addressed to another bot (<c>/status@OtherBot</c>): not ours to answer.</summary>
    OtherBot,
}

namespace ChatOpsBot.Core.Commands;

/// <summary>The subcommands of <c>/alerts</c>.</summary>
public enum AlertAction
{
    /// <summary>Where alerts go, for which targets, what waits, and what is wrong with a destination.</summary>
    List,

    /// <summary>Send every target's alerts to this channel or chat too.</summary>
    Subscribe,

    /// <summary>Stop the alerts this channel or chat subscribed to.</summary>
    Unsubscribe,

    /// <summary>Hold one target's alerts for a while (checks go on).</summary>
    Mute,

    /// <summary>End a mute early.</summary>
    Unmute,

    /// <summary>Send a test alert to this channel or chat through the real delivery path.</summary>
    Test,
}

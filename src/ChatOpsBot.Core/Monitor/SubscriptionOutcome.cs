namespace ChatOpsBot.Core.Monitor;

/// <summary>What a subscribe or unsubscribe did.</summary>
public enum SubscriptionOutcome
{
    Added,
    AlreadySubscribed,
    Removed,
    NotSubscribed,

    /// <summary>Configured in <c>Monitor:Targets</c>: only the configuration can remove it.</summary>
    ConfiguredCannotRemove,

    /// <summary>The destination's platform is not configured or its form is wrong.</summary>
    Invalid,
}

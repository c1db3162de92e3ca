namespace ChatOpsBot.Telegram.Polling;

/// <summary>Why <see cref="TelegramPoller.RunAsync"/> returned.</summary>
public enum PollerStopReason
{
    /// <summary>The host is stopping.</summary>
    Stopped,

    /// <summary>Telegram refused the token (401): polling again cannot help.</summary>
    Unauthorized,
}

namespace ChatOpsBot.Core.Monitor;

/// <summary>What became of a delivery attempt.</summary>
public enum DeliveryStatus
{
    /// <summary>The platform accepted it (or told us it already had it): done.</summary>
    Delivered,

    /// <summary>Not delivered, worth trying again later (timeout, 5xx, 429, network): the outbox backs off.</summary>
    RetryLater,

    /// <summary>
    /// Not delivered, and retrying soon will not help until someone changes something (403 Missing Access, unknown
    /// channel, a deleted webhook, a chat the bot was removed from, the platform not configured). The entry stays in
    /// the outbox, is retried slowly, and <c>/alerts list</c> shows <see cref="DeliveryResult.Problem"/>.
    /// </summary>
    Blocked,
}

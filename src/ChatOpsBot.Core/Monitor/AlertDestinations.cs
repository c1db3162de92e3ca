using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// One kind of place alerts go to, named by the scheme of a destination string (<c>Monitor:Targets:N:Destinations:M</c>):
/// <c>discord:&lt;channel id&gt;</c> (posted by the bot), <c>discord-webhook:&lt;url&gt;</c>, <c>telegram:&lt;chat id&gt;</c>.
/// The Discord and Telegram projects register one each; the outbox dispatcher picks by <see cref="Scheme"/>.
/// Implementations never throw for a platform's answer: they say what happened in a <see cref="DeliveryResult"/>.
/// </summary>
public interface IAlertDestination
{
    /// <summary>The part before the first colon: <c>discord</c>, <c>discord-webhook</c>, <c>telegram</c>.</summary>
    string Scheme { get; }

    /// <summary>False when this platform is not configured (no token): alerts for it wait in the outbox and say why.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Checks the part after the colon at start-up (a snowflake, a Discord webhook URL, a chat id). Returns null when
    /// it is fine, else a short reason naming what is wrong, never echoing a webhook's token.
    /// </summary>
    string? ValidateAddress(string address);

    /// <summary>A form of the address safe to show and log (a webhook URL without its token).</summary>
    string DescribeAddress(string address);

    /// <summary>
    /// Sends <see cref="AlertDelivery.Alert"/> once. Where the platform can deduplicate (Discord message
    /// <c>nonce</c> + <c>enforce_nonce</c>), the same <see cref="AlertDelivery.DedupeKey"/> on a retry must not post
    /// a second message.
    /// </summary>
    Task<DeliveryResult> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>One attempt to deliver one outbox entry.</summary>
/// <param name="Address">The destination after its scheme (a channel id, a webhook URL, a chat id).</param>
/// <param name="Alert">The alert, already scrubbed; rendered by the platform (Discord: coloured embed; Telegram: HTML).</param>
/// <param name="DedupeKey">Stable for this outbox entry across retries and restarts (at most 25 ASCII characters).</param>
/// <param name="Attempt">1 for the first attempt.</param>
public sealed record AlertDelivery(string Address, Reply Alert, string DedupeKey, int Attempt);

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

/// <summary>The outcome of <see cref="IAlertDestination.DeliverAsync"/>.</summary>
/// <param name="Status">Delivered, retry later, or blocked until someone acts.</param>
/// <param name="Problem">For a failure: what went wrong and what to do, in words for the operator (no secrets).</param>
/// <param name="RetryAfter">When the platform said when to come back (429 retry_after).</param>
public sealed record DeliveryResult(DeliveryStatus Status, string? Problem = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryStatus.Delivered);

    public static DeliveryResult Retry(string problem, TimeSpan? retryAfter = null) => new(DeliveryStatus.RetryLater, problem, retryAfter);

    public static DeliveryResult Block(string problem) => new(DeliveryStatus.Blocked, problem);
}

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

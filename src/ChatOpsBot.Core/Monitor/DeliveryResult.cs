namespace ChatOpsBot.Core.Monitor;

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

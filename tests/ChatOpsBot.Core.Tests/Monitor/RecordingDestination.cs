using System.Collections.Concurrent;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>
/// An alert destination that behaves like a chat platform in the ways the outbox depends on: it posts a message per
/// accepted delivery, but never twice for one dedupe key (Discord's nonce with enforce_nonce), and it can fail for a
/// while (5xx/429: retry later), post and then lose its answer, or refuse (403: blocked).
/// </summary>
internal sealed class RecordingDestination(string scheme) : IAlertDestination
{
    private readonly ConcurrentQueue<AlertDelivery> _attempts = new();
    private readonly ConcurrentDictionary<string, AlertDelivery> _posted = new();
    private readonly ConcurrentQueue<AlertDelivery> _postedInOrder = new();
    private readonly SemaphoreSlim _attempted = new(0);

    public string Scheme { get; } = scheme;

    public bool IsAvailable { get; set; } = true;

    /// <summary>What the next attempts answer, in order; when empty, the message is posted and Delivered.</summary>
    public ConcurrentQueue<Func<AlertDelivery, DeliveryResult>> Script { get; } = new();

    /// <summary>Answer every attempt with this (until set back to null).</summary>
    public DeliveryResult? Always { get; set; }

    public IReadOnlyList<AlertDelivery> Attempts => [.. _attempts];

    /// <summary>The messages that appeared in the channel, in order.</summary>
    public IReadOnlyList<AlertDelivery> Posted => [.. _postedInOrder];

    public void FailNext(int times, DeliveryResult result)
    {
        for (var i = 0; i < times; i++)
        {
            Script.Enqueue(_ => result);
        }
    }

    /// <summary>The next attempt is posted, but its answer is lost (a timeout after the platform took it).</summary>
    public void PostButLoseAnswerNext() => Script.Enqueue(d =>
    {
        Post(d);
        return DeliveryResult.Retry("The answer timed out.");
    });

    private bool IsWebhook => Scheme.EndsWith("webhook", StringComparison.Ordinal);

    public string? ValidateAddress(string address) => IsWebhook
        ? address.StartsWith("https://discord.com/api/webhooks/", StringComparison.Ordinal) && address.Count(c => c == '/') == 6 ? null : "must be a Discord webhook URL"
        : address.Length > 0 && address.TrimStart('-').All(char.IsAsciiDigit) ? null : "must be a numeric id";

    /// <summary>A webhook without its token, as the real destination shows it.</summary>
    public string DescribeAddress(string address) => IsWebhook ? address[..(address.LastIndexOf('/') + 1)] + "…" : address;

    public Task<DeliveryResult> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(delivery);
        try
        {
            if (Always is { } always)
            {
                return Task.FromResult(always);
            }

            if (Script.TryDequeue(out var next))
            {
                return Task.FromResult(next(delivery));
            }

            Post(delivery);
            return Task.FromResult(DeliveryResult.Delivered);
        }
        finally
        {
            _attempted.Release();
        }
    }

    /// <summary>Waits until <paramref name="count"/> more attempts have been made (a safety net, not a sleep).</summary>
    public async Task WaitForAttemptsAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _attempted.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken))
            {
                throw new TimeoutException($"{Scheme}: {_attempts.Count} attempt(s) so far; waited for {count} more.");
            }
        }
    }

    private void Post(AlertDelivery delivery)
    {
        if (_posted.TryAdd(delivery.DedupeKey, delivery))
        {
            _postedInOrder.Enqueue(delivery);
        }
    }
}

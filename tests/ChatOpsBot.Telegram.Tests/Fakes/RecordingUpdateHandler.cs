using System.Collections.Concurrent;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Tests.Fakes;

/// <summary>Records the updates it is handed; can throw on chosen ids or hang until cancelled.</summary>
internal sealed class RecordingUpdateHandler : ITelegramUpdateHandler
{
    private readonly ConcurrentQueue<Update> _handled = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    public HashSet<int> ThrowOn { get; } = [];

    /// <summary>The message of the exceptions thrown for <see cref="ThrowOn"/>.</summary>
    public string ThrowMessage { get; set; } = "handler failed";

    /// <summary>Updates with these ids wait until cancelled (a restart in the middle of handling).</summary>
    public HashSet<int> HangOn { get; } = [];

    public IReadOnlyList<int> HandledIds => [.. _handled.Select(u => u.Id)];

    public IReadOnlyList<Update> Handled => [.. _handled];

    public async Task HandleAsync(Update update, ITelegramBot bot, CancellationToken cancellationToken)
    {
        if (HangOn.Contains(update.Id))
        {
            _arrivals.Release();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (ThrowOn.Contains(update.Id))
        {
            _arrivals.Release();
            throw new InvalidOperationException($"{ThrowMessage} on update {update.Id}");
        }

        _handled.Enqueue(update);
        _arrivals.Release();
    }

    /// <summary>Waits until <paramref name="count"/> more updates reached the handler.</summary>
    public async Task WaitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _arrivals.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"The handler got {_handled.Count} update(s); waited for more.");
            }
        }
    }
}

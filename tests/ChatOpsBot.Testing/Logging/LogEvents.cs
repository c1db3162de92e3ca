using Microsoft.Extensions.Logging.Testing;

namespace ChatOpsBot.Testing.Logging;

/// <summary>
/// Log assertions by event, not by wording: a record is matched by its category and the EventId its
/// <c>[LoggerMessage]</c> gives it, and its parameters are read as structured values. A wait for a log event is
/// woken by each new record, never by a real-time pace; real time appears only as the safety bound.
/// </summary>
public static class LogEvents
{
    /// <summary>Whether <paramref name="record"/> is event <paramref name="id"/> logged by <typeparamref name="TCategory"/>'s logger.</summary>
    public static bool Is<TCategory>(this FakeLogRecord record, int id)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Id.Id == id && record.Category == CategoryOf<TCategory>();
    }

    /// <summary>The structured value of the parameter <paramref name="name"/> (as the template names it), or null.</summary>
    public static string? Value(this FakeLogRecord record, string name)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.GetStructuredStateValue(name);
    }

    /// <summary>
    /// Waits until a record matching <paramref name="match"/> is collected (now or earlier) and returns it; checked again
    /// on every new record. After <paramref name="timeout"/> of real time (a safety net, not a pace) it fails with
    /// <paramref name="what"/>.
    /// </summary>
    public static async Task<FakeLogRecord> WaitForAsync(this FakeLogCollector collector, Func<FakeLogRecord, bool> match, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(match);
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(limit);
        try
        {
            // Listen first, then look at what is already there: a record in between is seen either way.
            await using var records = collector.GetLogsAsync(bound.Token).GetAsyncEnumerator(bound.Token);
            var next = records.MoveNextAsync();
            while (true)
            {
                if (collector.GetSnapshot().FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                if (!await next)
                {
                    throw new InvalidOperationException($"The log collector stopped before: {what}.");
                }

                next = records.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (collector.GetSnapshot().FirstOrDefault(match) is { } late)
            {
                return late;
            }

            throw new TimeoutException($"Waited {limit.TotalSeconds:0} s in vain for the log event: {what}. Logged: "
                + string.Join("; ", collector.GetSnapshot().Select(r => $"{r.Category}[{r.Id.Id}] {r.Level}")));
        }
    }

    private static string CategoryOf<T>() => typeof(T).FullName!.Replace('+', '.');
}

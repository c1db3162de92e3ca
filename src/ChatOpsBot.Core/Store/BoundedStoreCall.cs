namespace ChatOpsBot.Core.Store;

/// <summary>
/// A store call something is waiting on (a button, a check of their key, Telegram polling), bounded in time whether or not the database
/// driver honours cancellation at that moment (Npgsql does not while it waits for a server's first answer).
/// </summary>
public static class BoundedStoreCall
{
    /// <summary>
    /// Runs <paramref name="call"/>; when it has not finished within <paramref name="limit"/> (on
    /// <paramref name="time"/>'s clock) it is cancelled and left to end on its own, and a
    /// <see cref="MonitorStoreException"/> says so.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = call(abandon.Token);
        try
        {
            return await task.WaitAsync(limit, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default); // its failure is expected: observed, not raised
            throw new MonitorStoreException($"The store did not answer within {limit.TotalSeconds:0} s.", ex);
        }
    }
}

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// A shard's turn to identify, from <see cref="IdentifyScheduler.WaitTurnAsync"/>: it holds the shard's rate-limit bucket
/// until <see cref="Identified"/> (the bucket's 5 s count from then) or <see cref="Dispose"/> (the connection ended
/// before Identify left: the bucket is free at once).
/// </summary>
internal sealed class IdentifyTurn(IdentifyScheduler scheduler, IdentifyScheduler.Bucket bucket, Uri gatewayUrl) : IDisposable
{
    private int _released;

    /// <summary>Where to connect for this Identify.</summary>
    public Uri GatewayUrl => gatewayUrl;

    public void Identified()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            scheduler.Identified(bucket);
            bucket.Gate.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            bucket.Gate.Release();
        }
    }
}

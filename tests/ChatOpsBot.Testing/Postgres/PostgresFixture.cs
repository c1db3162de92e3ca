namespace ChatOpsBot.Testing.Postgres;

/// <summary>
/// One throwaway PostgreSQL cluster per test assembly (an xunit assembly fixture), started by the first test that
/// asks for it and stopped and deleted when the run ends; tests that never ask start nothing. When PostgreSQL is not
/// installed, every test that asks fails with the message of <see cref="PostgresCluster.StartAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresCluster>> _cluster = new(PostgresCluster.StartAsync);

    public Task<PostgresCluster> GetAsync() => _cluster.Value;

    /// <summary>An empty database of the shared cluster for one test.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var cluster = await GetAsync().ConfigureAwait(false);
        return await cluster.CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster.IsValueCreated && _cluster.Value.IsCompletedSuccessfully)
        {
            await _cluster.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>
/// Results by token for the Re-run and Details buttons, each kept for <see cref="ConversationOptions.ResultRetention"/>.
/// When replicas share a store (PostgreSQL) results are kept there, so a button pressed on any replica, or after a
/// restart, finds them; expired rows go as new ones are written. Otherwise (one process, or SQLite, whose file is not
/// even opened without monitor targets) they stay in memory, at most <see cref="Capacity"/>. A result the shared store
/// could not take is kept in memory instead (that replica still finds it). Tokens are 128 random bits. The report is
/// already scrubbed and a <see cref="RerunPlan"/> names team keys only, so nothing kept here is a secret.
/// </summary>
public sealed partial class ResultStore(TimeProvider timeProvider, IOptions<ConversationOptions> options, ILogger<ResultStore> logger, IMonitorStore? store = null)
{
    public const int Capacity = 512;

    /// <summary>How long the shared store may take before a result is kept here instead, or a button is told to try again.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, StoredResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();
    private int _storeDown;

    /// <summary>True when results go to a store shared by replicas.</summary>
    public bool IsShared => store is { IsShared: true };

    /// <summary>How many results are kept in this process's memory.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _results.Count;
            }
        }
    }

    /// <summary>Keeps a result; returns its token.</summary>
    public async Task<string> AddAsync(ChatUser owner, DiagnosisReport report, RerunPlan? rerun, ReplyVisibility visibility, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = timeProvider.GetUtcNow();
        var result = new StoredResult(owner, report, rerun, visibility, now + options.Value.ResultRetention);
        if (store is { IsShared: true } shared)
        {
            var json = JsonSerializer.Serialize(result, StoreJsonContext.Default.StoredResult);
            try
            {
                await BoundedStoreCall.RunAsync(async ct =>
                {
                    await shared.SaveResultAsync(token, json, result.Expires, now, ct).ConfigureAwait(false);
                    return 0;
                }, StoreTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _storeDown, 0) == 1)
                {
                    Log.StoreBack(logger);
                }

                return token;
            }
            catch (MonitorStoreException ex)
            {
                if (Interlocked.Exchange(ref _storeDown, 1) == 0)
                {
                    Log.StoreDown(logger, ex.Message);
                }
            }
        }

        AddLocal(token, result, now);
        return token;
    }

    /// <summary>
    /// The result behind <paramref name="token"/>; null when there is none or it has expired. Throws
    /// <see cref="MonitorStoreException"/> when the shared store cannot be asked or does not answer within <see cref="StoreTimeout"/>.
    /// </summary>
    public async Task<StoredResult?> GetAsync(string token, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_results.TryGetValue(token, out var local))
            {
                return local.Expires > now ? local : null;
            }
        }

        if (store is not { IsShared: true } shared)
        {
            return null;
        }

        if (await BoundedStoreCall.RunAsync(ct => shared.GetResultAsync(token, now, ct), StoreTimeout, timeProvider, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, StoreJsonContext.Default.StoredResult);
        }
        catch (JsonException)
        {
            return null; // written by another version in a shape this one cannot read: as if expired
        }
    }

    private void AddLocal(string token, StoredResult result, DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_order.Count >= Capacity || (_order.Count > 0 && _results.TryGetValue(_order.Peek(), out var oldest) && oldest.Expires <= now))
            {
                _results.Remove(_order.Dequeue());
            }

            _results[token] = result;
            _order.Enqueue(token);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Results: the shared store did not take a result ({Problem}); it is kept in this process, so its buttons work only here until the store is back.")]
        public static partial void StoreDown(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Information, "Results: the shared store takes results again.")]
        public static partial void StoreBack(ILogger logger);
    }
}

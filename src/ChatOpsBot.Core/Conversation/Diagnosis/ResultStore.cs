using System.Security.Cryptography;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>Results by token for the Re-run and Details buttons: bounded in count and in age.</summary>
public sealed class ResultStore(TimeProvider timeProvider, IOptions<ConversationOptions> options)
{
    public const int Capacity = 512;

    private readonly Dictionary<string, StoredResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

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

    public string Add(ChatUser owner, DiagnosisReport report, RerunPlan? rerun, ReplyVisibility visibility)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            while (_order.Count >= Capacity || (_order.Count > 0 && _results.TryGetValue(_order.Peek(), out var oldest) && oldest.Expires <= now))
            {
                _results.Remove(_order.Dequeue());
            }

            _results[token] = new StoredResult(owner, report, rerun, visibility, now + options.Value.ResultRetention);
            _order.Enqueue(token);
        }

        return token;
    }

    public StoredResult? Get(string token)
    {
        lock (_gate)
        {
            return _results.TryGetValue(token, out var result) && result.Expires > timeProvider.GetUtcNow() ? result : null;
        }
    }
}

using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>Records every call an adapter would get, and every text it would show.</summary>
internal sealed class RecordingReplySink(bool mayDelete = true) : IReplySink
{
    private readonly List<(string Call, Reply? Reply)> _calls = [];

    public IReadOnlyList<(string Call, Reply? Reply)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public IEnumerable<Reply> Replies => Calls.Where(c => c.Reply is not null).Select(c => c.Reply!);

    public Reply Last => Replies.Last();

    /// <summary>Every reply as plain text, as a user would read it.</summary>
    public string AllText => string.Join("\n----\n", Replies.Select(PlainTextRenderer.Render));

    public Task SendAsync(Reply reply, CancellationToken cancellationToken) => Record("send", reply);

    public Task UpdateAsync(Reply reply, CancellationToken cancellationToken) => Record("update", reply);

    public Task FinishAsync(Reply reply, CancellationToken cancellationToken) => Record("finish", reply);

    public Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken)
    {
        Record("delete", null);
        return Task.FromResult(mayDelete);
    }

    /// <summary>Asserts that no text the sink received holds any of <paramref name="secrets"/>.</summary>
    public void AssertNoLeak(params string[] secrets)
    {
        foreach (var reply in Replies)
        {
            LeakAssert.NoSecret(PlainTextRenderer.Render(reply), secrets);
            LeakAssert.NoSecret(reply.ToString(), secrets);
        }
    }

    private Task Record(string call, Reply? reply)
    {
        lock (_calls)
        {
            _calls.Add((call, reply));
        }

        return Task.CompletedTask;
    }
}

using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Core.Conversation;

/// <summary>Passes every text of every reply through the secret scrubber before the adapter's sink sees it.</summary>
internal sealed class ScrubbingReplySink(IReplySink inner, SecretScrubber scrubber) : IReplySink
{
    public Task SendAsync(Reply reply, CancellationToken cancellationToken) => inner.SendAsync(reply.MapText(scrubber.Scrub), cancellationToken);

    public Task UpdateAsync(Reply reply, CancellationToken cancellationToken) => inner.UpdateAsync(reply.MapText(scrubber.Scrub), cancellationToken);

    public Task FinishAsync(Reply reply, CancellationToken cancellationToken) => inner.FinishAsync(reply.MapText(scrubber.Scrub), cancellationToken);

    public Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken) => inner.DeleteOriginalAsync(cancellationToken);
}

using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Monitor;

/// <summary>One attempt to deliver one outbox entry.</summary>
/// <param name="Address">The destination after its scheme (a channel id, a webhook URL, a chat id).</param>
/// <param name="Alert">The alert, already scrubbed; rendered by the platform (Discord: coloured embed; Telegram: HTML).</param>
/// <param name="DedupeKey">Stable for this outbox entry across retries and restarts (at most 25 ASCII characters).</param>
/// <param name="Attempt">1 for the first attempt.</param>
public sealed record AlertDelivery(string Address, Reply Alert, string DedupeKey, int Attempt);

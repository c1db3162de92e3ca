using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Conversation.Handlers.UserKeys;

/// <summary>
/// How many of a message's own keys may be checked: with none, <paramref name="Refusal"/> says why and when to try
/// again; with some but fewer than asked, <paramref name="Note"/> says what was left out.
/// </summary>
public sealed record UserKeyGrant(int Granted, Reply? Refusal, string? Note);

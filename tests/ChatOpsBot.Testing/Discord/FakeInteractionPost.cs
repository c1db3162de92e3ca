using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Discord;

/// <summary>
/// What happened to one interaction the fake Discord POSTed to a bot's endpoint: the HTTP answer, how long it took
/// (real time: Discord's 3 seconds), and the interaction's record (null for PING), where an accepted answer shows as
/// its callback, exactly as if it had come over the callback route.
/// </summary>
public sealed record FakeInteractionPost(int Status, string? ContentType, string Body, JsonObject? Answer, TimeSpan Elapsed, FakeInteraction? Interaction, int? AnswerStatus);

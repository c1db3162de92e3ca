namespace ChatOpsBot.Core.Replies;

/// <summary>
/// The provider a card or a checklist row is about, as chat shows it. Built from the engine's provider where a reply
/// is built (<see cref="ReplyBuilder.ProviderOf"/>), so adapters render it without knowing the engine.
/// </summary>
/// <param name="Name">The short name users type and lists show (<c>openai</c>).</param>
/// <param name="DisplayName">The name in headings (<c>OpenAI</c>).</param>
public sealed record ReplyProvider(string Name, string DisplayName);

namespace ChatOpsBot.Discord.Rest;

/// <summary>Interaction callback types (DDOCS interactions/receiving-and-responding.mdx#interaction-response-object).</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    AutocompleteResult = 8,
    Modal = 9,
}

namespace ChatOpsBot.Discord.Models;

/// <summary>Interaction types (DDOCS interactions/receiving-and-responding.mdx).</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

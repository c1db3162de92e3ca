namespace ChatOpsBot.Discord.Models;

/// <summary>A payload from Discord lacked a field the client needs. Its message names the field, never a value.</summary>
public sealed class DiscordPayloadException : Exception
{
    public DiscordPayloadException()
    {
    }

    public DiscordPayloadException(string message)
        : base(message)
    {
    }

    public DiscordPayloadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

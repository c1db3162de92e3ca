namespace ChatOpsBot.Discord.Rest;

public sealed record DiscordEmbedField(string Name, string Value, bool Inline = false);

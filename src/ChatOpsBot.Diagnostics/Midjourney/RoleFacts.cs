namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>A role as the calculator needs it. <see cref="BotId"/> is <c>tags.bot_id</c> of a bot's managed role.</summary>
public sealed record RoleFacts(ulong Id, DiscordPermissions Permissions, string? Name = null, ulong? BotId = null);

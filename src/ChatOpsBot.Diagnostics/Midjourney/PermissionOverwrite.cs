namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>One channel permission overwrite (<c>permission_overwrites[]</c>).</summary>
public sealed record PermissionOverwrite(ulong Id, OverwriteTarget Target, DiscordPermissions Allow, DiscordPermissions Deny);

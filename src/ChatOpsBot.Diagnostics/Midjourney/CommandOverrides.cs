namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// The Midjourney Bot's per-command permission overrides in the guild, as far as they could be read: how many
/// command entries, and whether any names this channel or denies anything.
/// </summary>
public sealed record CommandOverrides(int Commands, bool NamesThisChannel, bool DeniesSomething);

namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>The guild facts the judge needs.</summary>
public sealed record GuildFacts(ulong Id, ulong OwnerId, int? VerificationLevel = null);

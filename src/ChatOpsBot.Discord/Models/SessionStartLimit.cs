namespace ChatOpsBot.Discord.Models;

/// <summary>How many identifies are left today and how many may start per 5 s.</summary>
public sealed record SessionStartLimit(int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);

namespace ChatOpsBot.Core.Access;

/// <summary>
/// Settings of section <c>Access</c>: who may use the team's keys (and, later, alerts), and how often anyone may
/// check a key of their own.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    public DiscordAccess Discord { get; set; } = new();

    public TelegramAccess Telegram { get; set; } = new();

    /// <summary>How many diagnoses of their own keys one user may run in an hour (docs/secrets.md); 1 to 1000.</summary>
    public int UserKeyChecksPerHour { get; set; } = 5;
}

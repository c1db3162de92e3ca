using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A guild member. <see cref="Permissions"/> is only present in interactions (the invoker's effective set in that channel).</summary>
public sealed record DiscordMember(DiscordUser? User, IReadOnlyList<ulong> Roles, ulong? Permissions, string? Nick, DateTimeOffset? CommunicationDisabledUntil)
{
    /// <summary>True while the member has not passed membership screening (<c>pending</c>).</summary>
    public bool Pending { get; init; }

    public static DiscordMember Parse(JsonElement e) => new DiscordMember(
        Json.Has(e, "user", out var u) ? DiscordUser.Parse(u) : null,
        Json.Snowflakes(e, "roles"),
        Json.Snowflake(e, "permissions"),
        Json.String(e, "nick"),
        Json.String(e, "communication_disabled_until") is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null)
    {
        Pending = Json.Bool(e, "pending"),
    };
}

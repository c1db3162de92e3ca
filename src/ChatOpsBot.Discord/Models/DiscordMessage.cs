using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A message (MESSAGE_CREATE's <c>d</c>, or a REST answer). <see cref="GuildId"/> is null in DMs.</summary>
public sealed record DiscordMessage(
    ulong Id,
    ulong ChannelId,
    ulong? GuildId,
    DiscordUser Author,
    string Content,
    IReadOnlyList<DiscordUser> Mentions,
    DiscordMember? Member,
    int Flags)
{
    public bool IsDirectMessage => GuildId is null;

    public static DiscordMessage Parse(JsonElement e)
    {
        if (!Json.Has(e, "author", out var author))
        {
            throw new DiscordPayloadException("'author' is missing.");
        }

        var mentions = new List<DiscordUser>();
        if (Json.Has(e, "mentions", out var m) && m.ValueKind == JsonValueKind.Array)
        {
            mentions.AddRange(m.EnumerateArray().Select(DiscordUser.Parse));
        }

        return new(
            Json.RequiredSnowflake(e, "id"),
            Json.RequiredSnowflake(e, "channel_id"),
            Json.Snowflake(e, "guild_id"),
            DiscordUser.Parse(author),
            Json.String(e, "content") ?? "",
            mentions,
            Json.Has(e, "member", out var member) ? DiscordMember.Parse(member) : null,
            Json.Int(e, "flags") ?? 0);
    }

    /// <summary>True when <paramref name="userId"/> is among the mentioned users.</summary>
    public bool MentionsUser(ulong userId) => Mentions.Any(u => u.Id == userId);
}

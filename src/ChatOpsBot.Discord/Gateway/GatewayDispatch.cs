using System.Text.Json;
using ChatOpsBot.Discord.Models;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>One dispatch (op 0) as received: the event name, its sequence number and the raw <c>d</c>.</summary>
public sealed record GatewayDispatch(string Name, int Sequence, JsonElement Data)
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";
    public const string InteractionCreate = "INTERACTION_CREATE";
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string GuildCreate = "GUILD_CREATE";

    /// <summary>The shard it arrived on (0 for DMs; a server's is <c>(guild_id &gt;&gt; 22) % shard_count</c>).</summary>
    public int ShardId { get; init; }

    /// <summary>The raw JSON of <c>d</c>.</summary>
    public string RawJson => Data.GetRawText();

    public DiscordInteraction AsInteraction() => DiscordInteraction.Parse(Data);

    public DiscordMessage AsMessage() => DiscordMessage.Parse(Data);

    public DiscordReady AsReady() => DiscordReady.Parse(Data);

    public DiscordGuild AsGuild() => DiscordGuild.Parse(Data);

    // The raw payload can hold interaction tokens: never print it whole.
    public override string ToString() => $"GatewayDispatch {{ Name = {Name}, Sequence = {Sequence} }}";
}

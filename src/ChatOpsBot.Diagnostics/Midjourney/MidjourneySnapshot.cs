namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// Everything our bot could (or could not) read about the place where <c>/diagnose provider:midjourney</c> was typed.
/// Built by the Discord side; judged by <see cref="MidjourneyJudge"/>. Ids and numbers only.
/// </summary>
public sealed record MidjourneySnapshot
{
    /// <summary>The Midjourney Bot's application id = bot user id (docs/discord.md, Midjourney; a third-party observation).</summary>
    public const ulong MidjourneyBotId = 936929561302675456;

    /// <summary>True in a DM with our bot: nothing about a server to check.</summary>
    public bool DirectMessage { get; init; }

    public ulong GuildId { get; init; }

    public ulong ChannelId { get; init; }

    /// <summary>The channel type the interaction itself carried (<c>channel.type</c>), used when the channel cannot be read.</summary>
    public int? InteractionChannelType { get; init; }

    /// <summary>The invoking user's effective permissions here, from the interaction's <c>member.permissions</c>.</summary>
    public DiscordPermissions? UserPermissions { get; init; }

    /// <summary>The invoking user as a member (id and role ids from the interaction), to explain a missing permission.</summary>
    public MemberFacts? User { get; init; }

    /// <summary>The user's timeout, from the interaction's <c>member.communication_disabled_until</c>.</summary>
    public DateTimeOffset? UserTimedOutUntil { get; init; }

    /// <summary>Our bot's permissions here, from the interaction's <c>app_permissions</c>.</summary>
    public DiscordPermissions? OurPermissions { get; init; }

    public Readable<GuildFacts> Guild { get; init; } = Readable<GuildFacts>.Failed(new ReadProblem(0, 0, "not read"));

    public Readable<IReadOnlyList<RoleFacts>> Roles { get; init; } = Readable<IReadOnlyList<RoleFacts>>.Failed(new ReadProblem(0, 0, "not read"));

    public Readable<ChannelFacts> Channel { get; init; } = Readable<ChannelFacts>.Failed(new ReadProblem(0, 0, "not read"));

    /// <summary>For a thread: its parent channel (whose overwrites apply). Null when there is no thread.</summary>
    public Readable<ChannelFacts>? Parent { get; init; }

    public MemberLookup MidjourneyBot { get; init; } = MemberLookup.Failed(new ReadProblem(0, 0, "not read"));

    /// <summary>Midjourney's per-command permission overrides here; usually unreadable with a bot token (403 20012). Null when not asked.</summary>
    public Readable<CommandOverrides>? CommandOverrides { get; init; }

    /// <summary>When the snapshot was taken (for timeouts).</summary>
    public DateTimeOffset Now { get; init; }
}

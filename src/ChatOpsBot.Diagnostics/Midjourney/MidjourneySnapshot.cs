namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>Why a piece of Discord data could not be read: the HTTP status and Discord's JSON code, or a transport failure.</summary>
/// <param name="Status">HTTP status, 0 when no answer came (timeout, connection refused, rate limit).</param>
/// <param name="Code">Discord's JSON error code (50001 Missing Access, 10004 Unknown Guild...), 0 if none.</param>
/// <param name="Reason">Discord's message or a short description ("Missing Access", "timed out").</param>
public sealed record ReadProblem(int Status, int Code, string Reason)
{
    /// <summary>"403 50001 Missing Access", "no answer: timed out".</summary>
    public override string ToString() => Status == 0 ? $"no answer: {Reason}" : Code == 0 ? $"{Status} {Reason}" : $"{Status} {Code} {Reason}";

    public bool IsMissingAccess => Code is 50001 or 50013 || Status == 403;
}

/// <summary>Something read from Discord, or why it could not be.</summary>
public sealed record Readable<T>(T? Value, ReadProblem? Problem)
    where T : class
{
#pragma warning disable CA1000 // the factory reads best on the generic type
    public static Readable<T> Of(T value) => new(value, null);

    public static Readable<T> Failed(ReadProblem problem) => new(null, problem);
#pragma warning restore CA1000

    public bool Ok => Value is not null;
}

/// <summary>
/// The Midjourney Bot's per-command permission overrides in the guild, as far as they could be read: how many
/// command entries, and whether any names this channel or denies anything.
/// </summary>
public sealed record CommandOverrides(int Commands, bool NamesThisChannel, bool DeniesSomething);

/// <summary>The guild facts the judge needs.</summary>
public sealed record GuildFacts(ulong Id, ulong OwnerId, int? VerificationLevel = null);

/// <summary>A channel: its type, its parent (a thread's channel, a channel's category) and its own overwrites.</summary>
public sealed record ChannelFacts(ulong Id, int Type, ulong? ParentId, IReadOnlyList<PermissionOverwrite> Overwrites, string? Name = null);

/// <summary>The Midjourney Bot's membership: found (with its member data), absent (404 10007), or unreadable.</summary>
public sealed record MemberLookup(MemberFacts? Member, bool Absent, ReadProblem? Problem)
{
    public static MemberLookup Found(MemberFacts member) => new(member, false, null);

    public static MemberLookup NotAMember { get; } = new(null, true, null);

    public static MemberLookup Failed(ReadProblem problem) => new(null, false, problem);
}

/// <summary>
/// Everything our bot could (or could not) read about the place where <c>/diagnose provider:midjourney</c> was typed.
/// Built by the Discord side; judged by <see cref="MidjourneyJudge"/>. Ids and numbers only.
/// </summary>
public sealed record MidjourneySnapshot
{
    /// <summary>The Midjourney Bot's application id = bot user id (platforms.md §7; third-party observation).</summary>
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

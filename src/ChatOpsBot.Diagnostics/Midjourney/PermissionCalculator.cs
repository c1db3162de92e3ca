namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// Discord's documented algorithm for a member's effective permissions in a guild channel (DDOCS
/// topics/permissions.mdx, docs/discord.md, Permissions). Pure: no I/O, no clock (the caller passes "now").
/// </summary>
public static class PermissionCalculator
{
    /// <summary>SEND_MESSAGES' dependants, removed in text channels when it is missing.</summary>
    public const DiscordPermissions SendDependants =
        DiscordPermissions.SendTtsMessages | DiscordPermissions.MentionEveryone | DiscordPermissions.EmbedLinks | DiscordPermissions.AttachFiles;

    /// <summary>What a timed-out member keeps.</summary>
    public const DiscordPermissions TimeoutKeeps = DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory;

    /// <summary>The member's guild-wide permissions: @everyone plus its roles; everything for the owner or an administrator.</summary>
    /// <param name="guildId">The guild id (the @everyone role has this id).</param>
    /// <param name="ownerId">The guild owner's user id.</param>
    /// <param name="roles">The guild's roles (a role missing from the list counts as no permissions).</param>
    /// <param name="member">The member.</param>
    public static DiscordPermissions Base(ulong guildId, ulong ownerId, IReadOnlyList<RoleFacts> roles, MemberFacts member)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(member);
        if (member.UserId == ownerId)
        {
            return DiscordPermissions.All;
        }

        var byId = roles.ToDictionary(r => r.Id, r => r.Permissions);
        var p = byId.GetValueOrDefault(guildId);
        foreach (var role in member.RoleIds)
        {
            p |= byId.GetValueOrDefault(role);
        }

        return (p & DiscordPermissions.Administrator) != 0 ? DiscordPermissions.All : p;
    }

    /// <summary>
    /// The member's permissions in a channel: overwrites for @everyone, then every role of the member (denies
    /// together, then allows together), then the member's own; then the implicit rules and a timeout. For a thread,
    /// pass the parent channel's overwrites.
    /// </summary>
    /// <param name="guildId">The guild id (the @everyone overwrite has this id).</param>
    /// <param name="basePermissions">From <see cref="Base"/>.</param>
    /// <param name="member">The member.</param>
    /// <param name="overwrites">The channel's overwrites (a thread's parent's).</param>
    /// <param name="textLike">True for channels that hold messages (text, announcement, threads, voice and stage chats).</param>
    /// <param name="now">Now, for the timeout.</param>
    public static DiscordPermissions InChannel(
        ulong guildId,
        DiscordPermissions basePermissions,
        MemberFacts member,
        IReadOnlyList<PermissionOverwrite> overwrites,
        bool textLike,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(overwrites);
        if ((basePermissions & DiscordPermissions.Administrator) != 0)
        {
            return DiscordPermissions.All; // owners land here too: Base gave them everything
        }

        var p = basePermissions;
        if (overwrites.FirstOrDefault(o => o.Target == OverwriteTarget.Role && o.Id == guildId) is { } everyone)
        {
            p = (p & ~everyone.Deny) | everyone.Allow;
        }

        var allow = DiscordPermissions.None;
        var deny = DiscordPermissions.None;
        foreach (var o in overwrites.Where(o => o.Target == OverwriteTarget.Role && o.Id != guildId && member.RoleIds.Contains(o.Id)))
        {
            allow |= o.Allow;
            deny |= o.Deny;
        }

        p = (p & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Target == OverwriteTarget.Member && o.Id == member.UserId) is { } own)
        {
            p = (p & ~own.Deny) | own.Allow;
        }

        if (textLike && (p & DiscordPermissions.SendMessages) == 0)
        {
            p &= ~SendDependants;
        }

        if ((p & DiscordPermissions.ViewChannel) == 0)
        {
            return DiscordPermissions.None;
        }

        if (member.IsTimedOut(now))
        {
            p &= TimeoutKeeps;
        }

        return p;
    }

    /// <summary><see cref="Base"/> then <see cref="InChannel"/>.</summary>
    public static DiscordPermissions Compute(
        ulong guildId, ulong ownerId, IReadOnlyList<RoleFacts> roles, MemberFacts member, IReadOnlyList<PermissionOverwrite> overwrites, bool textLike, DateTimeOffset now) =>
        InChannel(guildId, Base(guildId, ownerId, roles, member), member, overwrites, textLike, now);
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// The permission part of <see cref="MidjourneyJudge"/>: whether the Midjourney Bot may post in the channel and the
/// user may use its commands, each missing permission explained by the role or overwrite that takes it away.
/// </summary>
internal static class MidjourneyPermissionJudge
{
    internal static void JudgeBotPermissions(MidjourneySnapshot s, int? type, bool thread, List<Finding> findings)
    {
        if (s.MidjourneyBot.Member is not { } member)
        {
            findings.Add(MidjourneyJudge.Skipped(DiagnosticStage.BotPermissions, s.MidjourneyBot.Absent
                ? "Not checked: the Midjourney Bot is not in this server."
                : "Not checked: I could not look up the Midjourney Bot."));
            return;
        }

        var inputs = Inputs(s, thread);
        if (inputs.Missing is { } missingInput)
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordCannotCheck, DiagnosticStage.BotPermissions, null,
                $"I cannot work out the Midjourney Bot's permissions without {missingInput}.", null, Severity.Warn, title: "Midjourney Bot's permissions not checked"));
            return;
        }

        var (guild, roles, channel) = (inputs.Guild!, inputs.Roles!, inputs.Overwrites!);
        var needs = MidjourneyJudge.BotNeeds(thread);
        var has = PermissionCalculator.Compute(guild.Id, guild.OwnerId, roles, member, channel.Overwrites, type is { } t && DiscordChannelKind.HoldsMessages(t), s.Now);
        var missing = needs & ~has;
        var unknownRoles = member.RoleIds.Where(r => roles.All(x => x.Id != r)).ToList();
        var evidence = new JsonObject { ["permissions"] = has.ToWire() };
        if (missing == DiscordPermissions.None)
        {
            findings.Add(Finding.Pass(DiagnosticStage.BotPermissions, "The Midjourney Bot may view, post, embed, attach and read history here",
                evidence: evidence));
            return;
        }

        var names = DiscordPermissionNames.NamesOf(missing);
        evidence["missing"] = string.Join(", ", names);
        if (unknownRoles.Count > 0)
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordCannotCheck, DiagnosticStage.BotPermissions, null,
                $"The Midjourney Bot seems to lack {string.Join(", ", names)} here, but {unknownRoles.Count} of its roles did not come back in the server's role list, and one of them may grant it.",
                evidence, Severity.Warn, title: "Midjourney Bot's permissions not fully checked"));
            return;
        }

        var where = Explain(guild.Id, member, "Midjourney Bot", roles, channel, missing, thread);
        findings.Add(Finding.Create(VerdictCodes.DiscordMjBotPermissions, DiagnosticStage.BotPermissions, null,
            $"In this channel the Midjourney Bot lacks: {string.Join(", ", names)}. It can take your command but cannot post the result here.",
            evidence, title: $"The Midjourney Bot lacks {string.Join(", ", names)} here", extraStepsFirst: where));
    }

    internal static void JudgeUser(MidjourneySnapshot s, bool thread, List<Finding> findings)
    {
        if (s.UserTimedOutUntil is { } until && until > s.Now)
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordUserPermissions, DiagnosticStage.UserPermissions, null,
                $"You are timed out in this server until {until:u}: you can only read, not use commands.",
                new JsonObject { ["timed_out_until"] = until.ToString("O", CultureInfo.InvariantCulture) },
                title: "You are timed out here", extraStepsFirst: ["Wait for the timeout to end, or ask a moderator to remove it (member list → your name → Remove Timeout)."]));
            return;
        }

        if (s.UserPermissions is not { } user)
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordCannotCheck, DiagnosticStage.UserPermissions, null,
                "Discord did not send your permissions with this command, so I cannot judge them.", null, Severity.Warn, title: "Your permissions not checked"));
            return;
        }

        var send = thread ? DiscordPermissions.SendMessagesInThreads : DiscordPermissions.SendMessages;
        var required = DiscordPermissions.UseApplicationCommands;
        var advisable = send | DiscordPermissions.ReadMessageHistory;
        var missingRequired = required & ~user;
        var missingAdvisable = advisable & ~user;
        var evidence = new JsonObject { ["permissions"] = user.ToWire() };
        if (missingRequired == DiscordPermissions.None && missingAdvisable == DiscordPermissions.None)
        {
            findings.Add(Finding.Pass(DiagnosticStage.UserPermissions, "You may use application commands here", evidence: evidence));
            return;
        }

        var inputs = Inputs(s, thread);
        var userMember = s.User;
        var where = inputs.Missing is null && userMember is not null
            ? Explain(inputs.Guild!.Id, userMember, "you", inputs.Roles!, inputs.Overwrites!, missingRequired | missingAdvisable, thread)
            : [];
        var names = DiscordPermissionNames.NamesOf(missingRequired | missingAdvisable);
        evidence["missing"] = string.Join(", ", names);
        var severity = missingRequired != DiscordPermissions.None ? Severity.Error : Severity.Warn;
        var detail = missingRequired != DiscordPermissions.None
            ? $"You lack {string.Join(", ", names)} here: without Use Application Commands, /imagine does not appear in your command list."
            : $"You lack {string.Join(", ", names)} here: Discord has long required it to run commands, and you need Read Message History to see the results.";
        findings.Add(Finding.Create(VerdictCodes.DiscordUserPermissions, DiagnosticStage.UserPermissions, null, detail, evidence, severity,
            title: $"You lack {string.Join(", ", names)} here", extraStepsFirst: where));
    }

    internal static (GuildFacts? Guild, IReadOnlyList<RoleFacts>? Roles, ChannelFacts? Overwrites, string? Missing) Inputs(MidjourneySnapshot s, bool thread)
    {
        var overwrites = thread ? s.Parent?.Value : s.Channel.Value;
        var missing = s.Guild.Value is null ? "the server's owner"
            : s.Roles.Value is null ? "the server's roles"
            : overwrites is null ? (thread ? "the thread's parent channel" : "the channel's permission overwrites")
            : null;
        return (s.Guild.Value, s.Roles.Value, overwrites, missing);
    }

    /// <summary>
    /// Where each missing permission is lost: an overwrite that denies it (named: @everyone, a role, the member), or
    /// no role granting it. One step per place, most specific first.
    /// </summary>
    internal static List<string> Explain(ulong guildId, MemberFacts member, string who, IReadOnlyList<RoleFacts> roles, ChannelFacts channel, DiscordPermissions missing, bool thread)
    {
        var steps = new List<string>();
        var place = thread ? $"the parent channel{(channel.Name is { } n ? " #" + n : "")}" : "this channel";
        var roleName = (ulong id) => id == guildId ? "@everyone" : roles.FirstOrDefault(r => r.Id == id)?.Name is { } name ? name : $"role {id}";
        var deniedBy = new Dictionary<string, DiscordPermissions>(StringComparer.Ordinal);
        foreach (var o in channel.Overwrites)
        {
            var applies = o.Target == OverwriteTarget.Member ? o.Id == member.UserId : o.Id == guildId || member.RoleIds.Contains(o.Id);
            var denied = o.Deny & missing;
            if (applies && denied != DiscordPermissions.None)
            {
                var label = o.Target == OverwriteTarget.Member ? (who == "you" ? "you (your own entry)" : who + " (its own entry)") : roleName(o.Id);
                deniedBy[label] = deniedBy.GetValueOrDefault(label) | denied;
            }
        }

        foreach (var (label, denied) in deniedBy)
        {
            steps.Add($"In {place}: Edit Channel → Permissions → {label}: {string.Join(", ", DiscordPermissionNames.NamesOf(denied))} is denied (✗): set it to ✓ (or / if a role grants it).");
        }

        var byRoles = DiscordPermissions.None;
        foreach (var r in roles.Where(r => r.Id == guildId || member.RoleIds.Contains(r.Id)))
        {
            byRoles |= r.Permissions;
        }

        var notGranted = missing & ~byRoles;
        if (notGranted != DiscordPermissions.None)
        {
            var ownRole = who == "Midjourney Bot"
                ? roles.FirstOrDefault(r => r.BotId == MidjourneySnapshot.MidjourneyBotId)?.Name ?? "Midjourney Bot"
                : "your role";
            steps.Add($"No role gives {(who == "you" ? "you" : "it")} {string.Join(", ", DiscordPermissionNames.NamesOf(notGranted))}: Server Settings → Roles → {ownRole} → switch it on, or allow it (✓) for {(who == "you" ? "your role" : "Midjourney Bot")} in {place}'s permissions.");
        }

        return steps;
    }
}

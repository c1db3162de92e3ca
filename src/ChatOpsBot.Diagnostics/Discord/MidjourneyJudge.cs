using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Discord;

/// <summary>
/// Judges a <see cref="MidjourneySnapshot"/>: the <c>discord.*</c> findings of diagnosis.md, each naming the exact
/// permission and where to change it. Pure. Never says <c>ok</c> when something could not be read: then the verdict
/// is <c>discord.cannot_check</c> and says what could not be checked and how to let our bot see it.
/// </summary>
public static class MidjourneyJudge
{
    private const string OurBot = "ChatOpsBot";

    /// <summary>The Midjourney Bot needs these in a channel (platforms.md §7); in a thread Send Messages in Threads instead of Send Messages.</summary>
    public static DiscordPermissions BotNeeds(bool thread) =>
        DiscordPermissions.ViewChannel | (thread ? DiscordPermissions.SendMessagesInThreads : DiscordPermissions.SendMessages)
        | DiscordPermissions.EmbedLinks | DiscordPermissions.AttachFiles | DiscordPermissions.ReadMessageHistory;

    /// <summary>The findings for a snapshot, in stage order, ending with the <c>discord.checklist</c>.</summary>
    public static IReadOnlyList<Finding> Judge(MidjourneySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.DirectMessage)
        {
            return [DirectMessageChecklist()];
        }

        var findings = new List<Finding>();
        var access = Access(snapshot, findings);
        var (type, parentType) = ChannelType(snapshot);
        var thread = type is { } t && DiscordChannelKind.IsThread(t);
        JudgeChannel(type, parentType, findings);
        JudgeMidjourneyMember(snapshot, findings);
        JudgeBotPermissions(snapshot, type, thread, findings);
        JudgeUser(snapshot, thread, findings);
        findings.Add(Checklist(findings, access, snapshot.CommandOverrides, snapshot.Guild.Value?.VerificationLevel));
        return findings;
    }

    /// <summary>The verdict: the earliest-stage error; else what could not be checked; else <c>ok</c>.</summary>
    public static Finding Verdict(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var errors = findings.Where(f => f.Severity == Severity.Error).OrderBy(f => f.Stage).ToList();
        if (errors.Count > 0)
        {
            return errors[0];
        }

        var warnings = findings.Where(f => f.Severity == Severity.Warn).OrderBy(f => f.Stage).ToList();
        if (warnings.Count > 0)
        {
            return warnings[0];
        }

        var checklist = findings.FirstOrDefault(f => f.Code == VerdictCodes.DiscordChecklist);
        if (findings.All(f => f.Code is VerdictCodes.DiscordChecklist or VerdictCodes.InfoSkipped))
        {
            return checklist ?? DirectMessageChecklist();
        }

        return new Finding(
            VerdictCodes.Ok,
            Severity.Ok,
            DiagnosticStage.Account,
            "Everything a bot can check is in order",
            "The Midjourney Bot is here and may post in this channel, and you may use its commands. If it still does not answer, the cause is one no bot can see.",
            checklist?.NextSteps ?? [],
            []);
    }

    /// <summary>A whole report: findings and verdict, as the engine's reports look.</summary>
    public static ProviderReport Report(MidjourneySnapshot snapshot, TimeSpan elapsed)
    {
        var findings = Judge(snapshot);
        return new ProviderReport(ProviderId.Midjourney, Verdict(findings), null, null, elapsed, findings, true);
    }

    private static bool Access(MidjourneySnapshot s, List<Finding> findings)
    {
        var problems = new List<(string What, ReadProblem Problem)>();
        if (s.Guild.Problem is { } g)
        {
            problems.Add(("this server", g));
        }

        if (s.Roles.Problem is { } r)
        {
            problems.Add(("the server's roles", r));
        }

        if (s.Channel.Problem is { } c)
        {
            problems.Add(("this channel", c));
        }

        if (s.Parent?.Problem is { } pc)
        {
            problems.Add(("the thread's parent channel", pc));
        }

        if (s.MidjourneyBot.Problem is { } m)
        {
            problems.Add(("the Midjourney Bot's membership", m));
        }

        if (problems.Count == 0)
        {
            findings.Add(Finding.Pass(DiagnosticStage.Server, "I can read this server and channel"));
            return true;
        }

        var ourView = s.OurPermissions is { } ours && (ours & DiscordPermissions.ViewChannel) == 0;
        var steps = new List<string>();
        var notMember = s.Guild.Problem is { Code: 10004 } || s.Guild.Problem is { IsMissingAccess: true };
        if (notMember)
        {
            steps.Add($"Make sure {OurBot} is a member of this server: invite it again if it was removed.");
        }

        if (ourView || s.Channel.Problem is { IsMissingAccess: true } || s.Parent?.Problem is { IsMissingAccess: true })
        {
            steps.Add($"Let me see the channel: Edit Channel → Permissions → add {OurBot} (or its role) → View Channel ✓"
                + (s.Parent is not null ? " (on the thread's parent channel)." : "."));
        }

        if (!notMember && (s.Roles.Problem is not null || s.MidjourneyBot.Problem is not null))
        {
            steps.Add($"Reading roles and one member needs no special permission, only that {OurBot} is in the server: if it is, run this again in a minute (Discord may have been briefly unavailable).");
        }

        if (steps.Count == 0)
        {
            steps.AddRange(NextStepsCatalog.For(VerdictCodes.DiscordCannotCheck, null).Steps);
        }

        var detail = "I could not read " + string.Join("; ", problems.Select(p => $"{p.What} ({p.Problem})"))
            + ". Whatever depends on it is not judged below rather than guessed."
            + (ourView ? $" Discord says {OurBot} has no View Channel here." : "");
        var evidence = new JsonObject();
        foreach (var (what, problem) in problems)
        {
            evidence[what.Replace(' ', '_').Replace("'", "", StringComparison.Ordinal)] = problem.ToString();
        }

        findings.Add(Finding.Create(VerdictCodes.DiscordCannotCheck, DiagnosticStage.Server, null, detail, evidence, Severity.Warn,
            title: "I could not read everything here") with { NextSteps = steps });
        return false;
    }

    private static (int? Type, int? ParentType) ChannelType(MidjourneySnapshot s) =>
        (s.Channel.Value?.Type ?? s.InteractionChannelType, s.Parent?.Value?.Type);

    private static void JudgeChannel(int? type, int? parentType, List<Finding> findings)
    {
        if (type is not { } t)
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordCannotCheck, DiagnosticStage.Channel, null,
                "Neither Discord's interaction nor the channel told me what kind of channel this is.", null, Severity.Warn, title: "Channel type unknown"));
            return;
        }

        var kind = DiscordChannelKind.Describe(t, parentType);
        var evidence = new JsonObject { ["channel_type"] = t, ["channel_kind"] = kind };
        if (!DiscordChannelKind.HostsMidjourney(t))
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordChannelUnsupported, DiagnosticStage.Channel, null,
                $"This is a {kind}: it holds no messages, so Midjourney's commands and results cannot appear here.", evidence));
            return;
        }

        var note = t switch
        {
            DiscordChannelKind.GuildVoice or DiscordChannelKind.GuildStageVoice => " Commands work in its text chat; results are posted there.",
            _ when DiscordChannelKind.IsThread(t) => " Permissions come from the parent channel; the Midjourney Bot needs Send Messages in Threads.",
            _ => "",
        };
        findings.Add(Finding.Pass(DiagnosticStage.Channel, $"A {kind}: Midjourney commands can work here", note.Trim(), evidence));
    }

    private static void JudgeMidjourneyMember(MidjourneySnapshot s, List<Finding> findings)
    {
        var lookup = s.MidjourneyBot;
        if (lookup.Absent)
        {
            var steps = new List<string>();
            if (s.UserPermissions is { } user && (user & DiscordPermissions.UseExternalApps) == 0)
            {
                steps.Add("If you added Midjourney to your own account instead, its answers here need Use External Apps, which you lack here: Server Settings → Roles → your role → Use External Apps.");
            }

            findings.Add(Finding.Create(VerdictCodes.DiscordMjBotMissing, DiagnosticStage.MidjourneyBot, null,
                $"Discord says user {MidjourneySnapshot.MidjourneyBotId} (Midjourney Bot) is not a member of this server (404 10007 Unknown Member), so /imagine is not in the command list here.",
                new JsonObject { ["midjourney_bot_id"] = MidjourneySnapshot.MidjourneyBotId.ToString(CultureInfo.InvariantCulture) })
                with { NextSteps = [.. NextStepsCatalog.For(VerdictCodes.DiscordMjBotMissing, null).Steps, .. steps] });
            return;
        }

        if (lookup.Member is not { } member)
        {
            findings.Add(Skipped(DiagnosticStage.MidjourneyBot, "Not checked: I could not look up the Midjourney Bot's membership (see above)."));
            return;
        }

        if (member.IsTimedOut(s.Now))
        {
            findings.Add(Finding.Create(VerdictCodes.DiscordMjBotPermissions, DiagnosticStage.MidjourneyBot, null,
                $"The Midjourney Bot is timed out in this server until {member.CommunicationDisabledUntil:u}: it can only view and read history, so it cannot post results.",
                new JsonObject { ["timed_out_until"] = member.CommunicationDisabledUntil!.Value.ToString("O", CultureInfo.InvariantCulture) },
                title: "The Midjourney Bot is timed out",
                extraStepsFirst: ["Remove the timeout: right-click Midjourney Bot in the member list → Remove Timeout (needs Timeout Members)."]));
            return;
        }

        findings.Add(Finding.Pass(DiagnosticStage.MidjourneyBot, "The Midjourney Bot is a member of this server"));
    }

    private static void JudgeBotPermissions(MidjourneySnapshot s, int? type, bool thread, List<Finding> findings)
    {
        if (s.MidjourneyBot.Member is not { } member)
        {
            findings.Add(Skipped(DiagnosticStage.BotPermissions, s.MidjourneyBot.Absent
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
        var needs = BotNeeds(thread);
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

    private static void JudgeUser(MidjourneySnapshot s, bool thread, List<Finding> findings)
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

    private static (GuildFacts? Guild, IReadOnlyList<RoleFacts>? Roles, ChannelFacts? Overwrites, string? Missing) Inputs(MidjourneySnapshot s, bool thread)
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
    private static List<string> Explain(ulong guildId, MemberFacts member, string who, IReadOnlyList<RoleFacts> roles, ChannelFacts channel, DiscordPermissions missing, bool thread)
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

    private static Finding Skipped(DiagnosticStage stage, string title) =>
        new(VerdictCodes.InfoSkipped, Severity.Info, stage, title, "", [], []);

    private static Finding Checklist(List<Finding> findings, bool access, Readable<CommandOverrides>? commandOverrides, int? verificationLevel)
    {
        var items = new List<string?>();
        var serverSideFine = findings.All(f => f.Severity is not Severity.Error and not Severity.Warn);
        var subscription = "An active Midjourney subscription: midjourney.com → Manage Subscription (there is no free trial; without one Midjourney asks you to /subscribe).";
        const string where = "Server Settings → Integrations → Midjourney Bot → Commands and Channels";
        var overrides = commandOverrides switch
        {
            { Value: { Commands: 0 } } => null, // read, and there are none: nothing to check there
            { Value: { } o } => $"Midjourney's commands have permission overrides in this server ({o.Commands} {(o.Commands == 1 ? "entry" : "entries")}"
                + (o.NamesThisChannel ? ", one naming this channel" : "") + (o.DeniesSomething ? ", some denying" : "") + $"): {where} may hide /imagine for your role or here.",
            { Problem: { } p } => $"Per-command permissions of the Midjourney Bot cannot be read by another bot (Discord answered {p}): {where} may hide /imagine for your role or this channel.",
            _ => $"Per-command permissions of the Midjourney Bot are not visible to other bots: {where} may hide /imagine for your role or this channel.",
        };
        if (commandOverrides?.Value is { Commands: > 0 } && serverSideFine)
        {
            items.Add(overrides); // seen and non-empty: the likeliest remaining cause of a missing /imagine
        }
        var moderation = "Midjourney's own moderation: \"Banned prompt detected\" or \"Request cancelled due to image filters\" means rephrase the prompt; repeated ones can suspend the account.";
        var verification = verificationLevel switch
        {
            4 => "Your Discord account: this server requires a verified phone number (User Settings → My Account), and its rules screen accepted.",
            3 => "Your Discord account: a verified email, and this server lets new members talk only after 10 minutes in the server; its rules screen accepted.",
            2 => "Your Discord account: a verified email, at least 5 minutes old; this server's rules screen accepted.",
            1 => "Your Discord account: this server requires a verified email (User Settings → My Account), and its rules screen accepted.",
            _ => "Your Discord account: a verified email (and phone, if the server's verification level asks for it), and the server's rules screen accepted.",
        };
        var outage = "\"The application did not respond\" is Midjourney itself being down or slow: wait a few minutes and check Midjourney's status channel.";
        if (serverSideFine)
        {
            items.AddRange([subscription, overrides, moderation, verification, outage]);
        }
        else if (findings.Any(f => f.Code == VerdictCodes.DiscordUserPermissions))
        {
            items.AddRange([overrides, verification, subscription, moderation]);
        }
        else
        {
            items.AddRange([subscription, verification, overrides, moderation]);
        }

        var list = items.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        var detail = access ? "Once the problems above are fixed, these are the remaining causes, most likely first." : "These remain even after the checks above.";
        return new Finding(VerdictCodes.DiscordChecklist, Severity.Info, DiagnosticStage.Account, $"{list.Count} things to check yourself", detail, list, []);
    }

    private static Finding DirectMessageChecklist() => new(
        VerdictCodes.DiscordChecklist,
        Severity.Info,
        DiagnosticStage.Account,
        "Midjourney outside a server: a checklist",
        "In a DM I can see no server or channel to check. To use Midjourney in a DM with the Midjourney Bot, or on the web, check these.",
        [
            "DM with the Midjourney Bot: you must share a server with it (for example Midjourney's own server), with Server → Privacy Settings → Direct Messages allowed.",
            "An active Midjourney subscription: DMs with the Midjourney Bot are for subscribers (midjourney.com → Manage Subscription).",
            "On the web: midjourney.com → Create, signed in with the same account (Discord or Google) that holds the subscription.",
            "To check a server channel instead, run /diagnose provider:midjourney in that channel.",
        ],
        []);
}

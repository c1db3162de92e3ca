using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// Judges a <see cref="MidjourneySnapshot"/>: the <c>discord.*</c> findings of docs/contract.md, each naming the exact
/// permission and where to change it. Pure. Never says <c>ok</c> when something could not be read: then the verdict
/// is <c>discord.cannot_check</c> and says what could not be checked and how to let our bot see it.
/// </summary>
public static class MidjourneyJudge
{
    internal const string OurBot = "ChatOpsBot";

    /// <summary>The Midjourney Bot needs these in a channel (docs/discord.md, Midjourney); in a thread Send Messages in Threads instead of Send Messages.</summary>
    public static DiscordPermissions BotNeeds(bool thread) =>
        DiscordPermissions.ViewChannel | (thread ? DiscordPermissions.SendMessagesInThreads : DiscordPermissions.SendMessages)
        | DiscordPermissions.EmbedLinks | DiscordPermissions.AttachFiles | DiscordPermissions.ReadMessageHistory;

    /// <summary>The findings for a snapshot, in stage order, ending with the <c>discord.checklist</c>.</summary>
    public static IReadOnlyList<Finding> Judge(MidjourneySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.DirectMessage)
        {
            return [MidjourneyChecklist.DirectMessageChecklist()];
        }

        var findings = new List<Finding>();
        var access = Access(snapshot, findings);
        var (type, parentType) = ChannelType(snapshot);
        var thread = type is { } t && DiscordChannelKind.IsThread(t);
        JudgeChannel(type, parentType, findings);
        JudgeMidjourneyMember(snapshot, findings);
        MidjourneyPermissionJudge.JudgeBotPermissions(snapshot, type, thread, findings);
        MidjourneyPermissionJudge.JudgeUser(snapshot, thread, findings);
        findings.Add(MidjourneyChecklist.Checklist(findings, access, snapshot.CommandOverrides, snapshot.Guild.Value?.VerificationLevel));
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
            return checklist ?? MidjourneyChecklist.DirectMessageChecklist();
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

    internal static Finding Skipped(DiagnosticStage stage, string title) =>
        new(VerdictCodes.InfoSkipped, Severity.Info, stage, title, "", [], []);
}

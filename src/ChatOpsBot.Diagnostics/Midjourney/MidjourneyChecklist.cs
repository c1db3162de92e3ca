namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// The <c>discord.checklist</c> finding of <see cref="MidjourneyJudge"/>: what no bot can see and the user checks
/// themselves, most likely first.
/// </summary>
internal static class MidjourneyChecklist
{
    internal static Finding Checklist(List<Finding> findings, bool access, Readable<CommandOverrides>? commandOverrides, int? verificationLevel)
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

    internal static Finding DirectMessageChecklist() => new(
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

using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Conversation;

/// <summary>The texts of <c>/status</c> and <c>/alerts …</c>. Ids and names only; nothing here ever holds a key.</summary>
internal static class MonitorTexts
{
    /// <summary>Longer than this, <see cref="Status"/> folds healthy targets into one line (the shortest chat message limit: 2000, Discord's).</summary>
    private const int FoldHealthyAbove = 2000;

    public const string AlertsHelp = """
        Alerts: when a monitored team key breaks, I post here what broke and what to do; when it heals, I say so.
          /alerts list                        where alerts go, and anything stuck on the way
          /alerts subscribe                   send every target's alerts to this channel or chat
          /alerts unsubscribe                 stop them here
          /alerts mute <target> <duration>    hold one target's alerts, e.g. /alerts mute prod-gemini 2h
                                              (30m, 2h, 1d, 1h30m; 1 minute to 7 days; checks go on)
          /alerts unmute <target>             alerts for it again
          /alerts test                        send a test alert here, the way real ones come
          /status                             every target's state, last 24 hours, and a chart
        """;

    public const string MonitoringOff =
        "Monitoring is off: no targets are configured, so nothing is checked on a schedule and no alert is sent. " +
        "An operator turns it on with Monitor:Targets (Name, Provider, KeyEnv or KeyFile, Destinations).";

    public const string MonitorNotInThisProcess =
        "The monitor does not run here: it runs in the worker (chatopsbot with no verb), and /status and /alerts show it " +
        "in Discord or Telegram. Here you can still check a team key now with /diagnose key:<name>.";

    public const string MonitorUnavailable =
        "The monitor did not answer just now. Try again in a minute; if it keeps failing, the bot's log says why.";

    private static readonly CompositeFormat ClockFormat = CompositeFormat.Parse("{0:HH:mm} UTC");

    /// <summary>Failing first, then not yet alerted, not yet checked, healthy; by name within each.</summary>
    public static IReadOnlyList<TargetStatus> Ordered(IEnumerable<TargetStatus> targets) =>
        [.. targets.OrderBy(t => Rank(t.State)).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];

    public static string Icon(TargetState state) => state switch
    {
        TargetState.Failing => "❌",
        TargetState.Pending => "⚠️",
        TargetState.Healthy => "✅",
        _ => "⬜",
    };

    public static string TeamOnly(ChatPlatform platform, string what) =>
        $"{what} are for the team. An operator can let you in by adding your id to {AccessPolicy.SettingsFor(platform)}.";

    /// <summary>Counts only: what anyone may see (no target names).</summary>
    public static string StatusSummary(MonitorOverview overview)
    {
        var targets = overview.Targets;
        var counts = new List<string>();
        void Add(TargetState state, string words)
        {
            var n = targets.Count(t => t.State == state);
            if (n > 0)
            {
                counts.Add($"{Icon(state)} {n} {words}");
            }
        }

        Add(TargetState.Failing, "failing");
        Add(TargetState.Pending, "failing, not alerted yet");
        Add(TargetState.Unknown, "not checked yet");
        Add(TargetState.Healthy, "healthy");
        return $"Monitoring {targets.Count} target{(targets.Count == 1 ? "" : "s")}" + (counts.Count == 0 ? "." : ": " + string.Join(" · ", counts) + ".");
    }

    /// <summary>One line per target (already <see cref="Ordered"/>); healthy ones folded into one line when it would not fit a message.</summary>
    public static string Status(IReadOnlyList<TargetStatus> ordered, DateTimeOffset now)
    {
        var head = StatusSummary(new MonitorOverview(ordered, [], now));
        var lines = ordered.Select(t => Line(t, now)).ToList();
        const string Tail = "/alerts list shows where alerts go; /alerts mute <target> <duration> holds one.";
        var text = Join(head, lines, Tail);
        if (text.Length > FoldHealthyAbove)
        {
            var healthy = ordered.Where(t => t.State == TargetState.Healthy).ToList();
            lines = [.. ordered.Where(t => t.State != TargetState.Healthy).Select(t => Line(t, now))];
            if (healthy.Count > 0)
            {
                lines.Add($"✅ also healthy: {string.Join(", ", healthy.Select(t => t.Name))}");
            }

            text = Join(head, lines, Tail);
        }

        return text;
    }

    /// <summary><c>❌ prod-gemini · gemini · code: auth.invalid_key — title · failing since … · last check … · 24 h: 91.7% of 288 · median 240 ms · 🔕 until …</c></summary>
    public static string Line(TargetStatus t, DateTimeOffset now)
    {
        var line = new StringBuilder();
        line.Append(Icon(t.State)).Append(' ').Append(t.Name).Append(" · ").Append(t.Provider.Wire());
        if (t.Code is null)
        {
            line.Append(" · not checked yet");
        }
        else
        {
            line.Append(" · code: ").Append(t.Code);
            if (t.State != TargetState.Healthy && !string.IsNullOrWhiteSpace(t.Title))
            {
                line.Append(" — ").Append(t.Title);
            }
        }

        if (t.Since is { } since)
        {
            var state = t.State switch
            {
                TargetState.Failing or TargetState.Pending => "failing",
                TargetState.Healthy => "healthy",
                _ => "since",
            };
            line.Append(" · ").Append(state == "since" ? "" : state + " ").Append("since ").Append(Clock(since, now)).Append(" (").Append(MuteDuration.Describe(now - since)).Append(')');
        }

        if (t.LastCheck is { } last)
        {
            line.Append(" · last check ").Append(Ago(last, now));
        }

        if (t.Availability is { } availability)
        {
            line.Append(" · 24 h: ").Append(Percent(availability)).Append(" of ").Append(t.ChecksIn24Hours.ToString(CultureInfo.InvariantCulture));
        }

        if (t.MedianLatency is { } latency)
        {
            line.Append(" · median ").Append(Latency(latency));
        }

        if (t.MutedUntil is { } until && until > now)
        {
            line.Append(" · 🔕 muted until ").Append(Clock(until, now));
        }

        return line.ToString();
    }

    /// <summary>Every destination with its targets, what waits for it, and what is wrong with it (said loudly).</summary>
    public static string List(MonitorOverview overview, string? here)
    {
        if (overview.Destinations.Count == 0)
        {
            return "No alert destinations yet: alerts have nowhere to go. Type /alerts subscribe in the channel or chat that should get them.";
        }

        var allTargets = overview.Targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var blocked = overview.Destinations.Count(d => d.Problem is not null);
        var text = new StringBuilder();
        text.Append(blocked == 0
            ? "Alert destinations:"
            : $"⚠️ {blocked} of {overview.Destinations.Count} alert destinations cannot get alerts right now (see 🚫 below). Alert destinations:");
        foreach (var d in overview.Destinations.OrderBy(d => d.Problem is null).ThenBy(d => d.Destination, StringComparer.Ordinal))
        {
            text.Append('\n').Append(d.Problem is null ? "✅ " : "🚫 ").Append(d.Destination);
            if (here is not null && string.Equals(d.Destination, here, StringComparison.Ordinal))
            {
                text.Append(" (here)");
            }

            text.Append(" — ").Append(d.FromConfig ? "configured" : "subscribed");
            var all = allTargets.Count > 0 && allTargets.SetEquals(d.Targets);
            text.Append(" — ").Append(all ? "all targets" : d.Targets.Count == 0 ? "no targets" : string.Join(", ", d.Targets));
            if (d.Waiting > 0)
            {
                text.Append(" — ").Append(d.Waiting.ToString(CultureInfo.InvariantCulture)).Append(d.Waiting == 1 ? " alert waiting" : " alerts waiting");
            }

            if (d.LastDelivered is { } delivered)
            {
                text.Append(" — last delivered ").Append(Ago(delivered, overview.Now));
            }

            if (d.Problem is { } problem)
            {
                text.Append("\n   NOT DELIVERED: ").Append(problem.TrimEnd());
                if (FixFor(d.Destination) is { } fix)
                {
                    text.Append("\n   Fix: ").Append(fix);
                }
            }
        }

        text.Append("\n/alerts test sends a test alert to this channel or chat.");
        return text.ToString();
    }

    /// <summary>What to grant, by destination kind, for a destination that cannot get alerts.</summary>
    public static string? FixFor(string destination)
    {
        var scheme = destination.Split(':', 2)[0];
        return scheme switch
        {
            "discord" => "in that channel's settings (Permissions), allow the bot View Channel, Send Messages, Embed Links and Attach Files; in a thread also Send Messages in Threads. Or remove the destination.",
            "discord-webhook" => "the webhook was deleted or its URL is wrong: create a new one (channel settings → Integrations → Webhooks) and update the configuration.",
            "telegram" => "add the bot to that chat (in a channel: as an administrator allowed to post messages), or /alerts unsubscribe there.",
            _ => null,
        };
    }

    /// <summary>The mute as asked (<paramref name="requested"/>: the clock moves on while the monitor answers), ending at <paramref name="until"/>.</summary>
    public static string Muted(string target, DateTimeOffset? until, TimeSpan requested, DateTimeOffset now) => until is { } u && u > now
        ? $"🔕 Alerts for {target} are muted until {Clock(u, now)} ({MuteDuration.Describe(requested)}). Checks go on and /status still shows its state. Undo with /alerts unmute {target}."
        : $"🔔 Alerts for {target} are on again.";

    public static string UnknownTarget(string target, IReadOnlyList<string> known) =>
        $"No monitored target is called \"{Clip(target)}\". " + (known.Count == 0 ? "No targets are configured." : $"Targets: {string.Join(", ", known)}.");

    public static string NoPlace(AlertAction action) =>
        $"/alerts {CommandParser.ActionWord(action)} works on the channel or chat where you type it, and here there is none. " +
        "Type it in the Discord channel or Telegram chat that should get alerts, or add that place to Monitor:Targets:N:Destinations.";

    public static string Subscribed(SubscriptionChange change) => change.Outcome switch
    {
        SubscriptionOutcome.Added => "✅ Alerts for every monitored target will come here too. Try /alerts test to see one arrive; /alerts unsubscribe stops them.",
        SubscriptionOutcome.AlreadySubscribed => "Alerts already come here. /alerts list shows every destination.",
        SubscriptionOutcome.ConfiguredCannotRemove => "Alerts already come here: this place is in the configuration (Monitor:Targets:N:Destinations).",
        _ => "I cannot send alerts here" + (change.Problem is { } p ? $": {p}" : ".") + " /alerts list shows where alerts go.",
    };

    public static string Unsubscribed(SubscriptionChange change) => change.Outcome switch
    {
        SubscriptionOutcome.Removed => "🔕 Alerts will no longer come here from a subscription. /alerts subscribe brings them back.",
        SubscriptionOutcome.NotSubscribed => "This place is not subscribed, so there was nothing to stop. /alerts list shows where alerts go.",
        SubscriptionOutcome.ConfiguredCannotRemove => "Alerts come here because the configuration says so (Monitor:Targets:N:Destinations): an operator removes it there. Meanwhile /alerts mute <target> <duration> holds a target's alerts.",
        _ => "I cannot change alerts here" + (change.Problem is { } p ? $": {p}" : ".") + " /alerts list shows where alerts go.",
    };

    public static string TestQueued(TestAlertQueued queued) => queued.Queued
        ? "🧪 A test alert is on its way here, through the same path real alerts take. If it has not arrived within a minute, /alerts list says why."
        : "I could not send a test alert here" + (queued.Problem is { } p ? $": {p}" : ".");

    private static string Join(string head, List<string> lines, string tail) => head + "\n" + string.Join("\n", lines) + "\n" + tail;

    private static int Rank(TargetState state) => state switch
    {
        TargetState.Failing => 0,
        TargetState.Pending => 1,
        TargetState.Unknown => 2,
        _ => 3,
    };

    /// <summary><c>14:05 UTC</c> today, <c>Nov 26 14:05 UTC</c> on another day.</summary>
    public static string Clock(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        return utc.Date == now.ToUniversalTime().Date
            ? string.Format(CultureInfo.InvariantCulture, ClockFormat, utc)
            : utc.ToString("MMM d HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }

    /// <summary><c>14:05 UTC (3 min ago)</c>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        $"{Clock(at, now)} ({(now - at < TimeSpan.FromMinutes(1) ? "just now" : MuteDuration.Describe(now - at) + " ago")})";

    /// <summary>Rounded down (99.96% is not 100%).</summary>
    public static string Percent(double share) => (Math.Floor(share * 1000) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Latency(TimeSpan latency) => latency < TimeSpan.FromSeconds(1)
        ? ((int)Math.Round(latency.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + " ms"
        : latency.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Clip(string word) =>
        SecretLike.Looks(word) || KeyIntake.LooksLikeKey(word) ? SecretLike.Hidden : word.Length > 40 ? word[..36] + "…" : word;
}

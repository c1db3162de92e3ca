using ChatOpsBot.Core.TeamKeys;


namespace ChatOpsBot.Core.Monitor;

/// <summary>One watched key (<c>Monitor:Targets:N</c>): a team key (name, provider, where its key is read from) plus when to check it and where to alert.</summary>
public sealed class MonitorTargetSettings : TeamKeySettings
{
    /// <summary>Also run the deep check (a 1-token request: may cost a tiny amount; the only way to see OpenAI quota).</summary>
    public bool Deep { get; set; }

    /// <summary>How often to check (default 00:05:00, at least 00:00:05); each wait is jittered by ±10%.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>discord:&lt;channel id&gt;</c>, <c>discord-webhook:&lt;url&gt;</c>, <c>telegram:&lt;chat id&gt;</c>.</summary>
    public List<string> Destinations { get; set; } = [];
}

using Microsoft.Extensions.Configuration;

namespace ChatOpsBot.Core.TeamKeys;

/// <summary>The team's named keys: section <c>TeamKeys</c> plus the monitor's targets (<c>Monitor:Targets</c>).</summary>
public sealed class TeamKeysOptions
{
    public const string SectionName = "TeamKeys";
    public const string MonitorTargetsSection = "Monitor:Targets";

    public List<TeamKeySettings> TeamKeys { get; set; } = [];

    public List<TeamKeySettings> MonitorTargets { get; set; } = [];

    /// <summary>Every entry with the setting path that names it in errors (<c>TeamKeys:0</c>).</summary>
    public IEnumerable<(string Path, TeamKeySettings Settings)> Entries() =>
        TeamKeys.Select((s, i) => ($"{SectionName}:{i}", s))
            .Concat(MonitorTargets.Select((s, i) => ($"{MonitorTargetsSection}:{i}", s)));

    /// <summary>Reads both sections of <paramref name="configuration"/>.</summary>
    public void Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        TeamKeys = configuration.GetSection(SectionName).Get<List<TeamKeySettings>>() ?? [];
        MonitorTargets = configuration.GetSection(MonitorTargetsSection).Get<List<TeamKeySettings>>() ?? [];
    }
}

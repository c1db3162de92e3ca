using ChatOpsBot.Core.TeamKeys;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>The configured targets and the alert destinations by scheme, as the monitor and its commands use them.</summary>
public sealed class MonitorCatalog
{
    private readonly Dictionary<string, IAlertDestination> _handlers;
    private readonly Dictionary<string, AlertDestinationRef> _configured = new(StringComparer.Ordinal);

    public MonitorCatalog(IOptions<MonitorOptions> options, TeamKeyRegistry keys, IEnumerable<IAlertDestination> destinations)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        _handlers = destinations.GroupBy(d => d.Scheme, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var targets = new List<MonitorTarget>();
        foreach (var settings in options.Value.Targets)
        {
            if (keys.Find(settings.Name) is not { } key)
            {
                continue; // the validators named what is wrong
            }

            var refs = settings.Destinations.Select(AlertDestinationRef.TryParse).OfType<AlertDestinationRef>().DistinctBy(d => d.StoreId).ToList();
            foreach (var r in refs)
            {
                _configured[r.StoreId] = r;
            }

            targets.Add(new MonitorTarget(key.Name, key, settings.Deep, settings.Interval, refs));
        }

        Targets = targets;
    }

    public IReadOnlyList<MonitorTarget> Targets { get; }

    public MonitorTarget? Find(string? name) => Targets.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The registered handler for <paramref name="scheme"/>, or null.</summary>
    public IAlertDestination? Handler(string scheme) => _handlers.GetValueOrDefault(scheme);

    /// <summary>The known schemes, for messages.</summary>
    public IReadOnlyCollection<string> Schemes => _handlers.Keys;

    /// <summary>True when <paramref name="storeId"/> is one of the configured destinations.</summary>
    public bool IsConfigured(string storeId) => _configured.ContainsKey(storeId);

    /// <summary>The configured targets that send to <paramref name="storeId"/>.</summary>
    public IReadOnlyList<string> TargetsOf(string storeId) => [.. Targets.Where(t => t.Destinations.Any(d => d.StoreId == storeId)).Select(t => t.Name)];

    /// <summary>
    /// The destination behind a store id: a configured one, or (for destinations without a secret) the id itself.
    /// Null when a secret destination is no longer configured.
    /// </summary>
    public AlertDestinationRef? Resolve(string storeId)
    {
        ArgumentNullException.ThrowIfNull(storeId);
        if (_configured.TryGetValue(storeId, out var configured))
        {
            return configured;
        }

        var parsed = AlertDestinationRef.TryParse(storeId);
        return parsed is { IsSecret: false } && parsed.StoreId == storeId ? parsed : null;
    }

    /// <summary>A form of the destination that is safe to show and log.</summary>
    public string Describe(string storeId)
    {
        var resolved = Resolve(storeId);
        if (resolved is null)
        {
            return storeId;
        }

        var handler = Handler(resolved.Scheme);
        return handler is null ? resolved.Value : $"{resolved.Scheme}:{handler.DescribeAddress(resolved.Address)}";
    }

    /// <summary>Why <paramref name="destination"/> cannot receive alerts, or null when it can.</summary>
    public string? Problem(AlertDestinationRef? destination)
    {
        if (destination is null)
        {
            return "A destination looks like discord:<channel id>, discord-webhook:<url> or telegram:<chat id>.";
        }

        if (Handler(destination.Scheme) is not { } handler)
        {
            return $"No alert destination handles \"{destination.Scheme}\" (known: {(_handlers.Count == 0 ? "none" : string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal)))}).";
        }

        if (handler.ValidateAddress(destination.Address) is { } problem)
        {
            return problem;
        }

        return handler.IsAvailable ? null : $"The {destination.Scheme} platform is not configured here (no token), so alerts cannot be sent there.";
    }
}

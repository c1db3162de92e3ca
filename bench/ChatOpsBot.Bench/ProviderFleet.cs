using System.Reflection;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Bench;

/// <summary>
/// A fake of every registered provider that has one, each speaking the provider's real auth rule behind a fixed
/// latency on its auth probe, and the environment that points <c>diagnose all</c> at them (each provider's key and
/// base URL variable). A provider's fake is its <c>As&lt;Name&gt;(this FakeProviderServer, params string[])</c>
/// extension in ChatOpsBot.Testing (docs/recipes/add-a-provider.md, The fake), found by its settings name.
/// </summary>
internal sealed class ProviderFleet : IAsyncDisposable
{
    private readonly List<FakeProviderServer> _servers = [];

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The providers in the run, in registry order.</summary>
    public List<string> Included { get; } = [];

    /// <summary>Registered providers with no fake in ChatOpsBot.Testing: left out of the run.</summary>
    public List<string> Missing { get; } = [];

    public static async Task<ProviderFleet> StartAsync(TimeSpan latency)
    {
        var fleet = new ProviderFleet();
        var fakes = typeof(FakeProviderServer).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name.StartsWith("As", StringComparison.Ordinal) && m.ReturnType == typeof(FakeProviderServer)
                && m.GetParameters() is [{ } first, { } second] && first.ParameterType == typeof(FakeProviderServer) && second.ParameterType == typeof(string[]))
            .ToList();
        foreach (var definition in ProviderRegistry.Definitions)
        {
            var d = definition.Descriptor;
            var fake = fakes.FirstOrDefault(m => string.Equals(m.Name, "As" + d.SettingsName, StringComparison.OrdinalIgnoreCase));
            if (fake is null)
            {
                fleet.Missing.Add(d.Wire);
                continue;
            }

            var key = TestKeys.For(d.Wire);
            var server = await FakeProviderServer.StartAsync();
            fleet._servers.Add(server);
            fake.Invoke(null, [server, new[] { key }]);
            using (var probe = definition.CreateRequest(ProbeKind.Auth, server.BaseUrl, key, null))
            {
                if (probe?.RequestUri is { } uri)
                {
                    server.WithLatency(probe.Method.Method, uri.AbsolutePath, latency);
                }
            }

            fleet.Environment[d.KeyVariables[0]] = key;
            fleet.Environment[d.BaseUrlVariable] = server.BaseUrl.ToString();
            fleet.Included.Add(d.Wire);
        }

        return fleet;
    }

    /// <summary>Every registered provider's key and base URL variables, to clear from the inherited environment.</summary>
    public static IEnumerable<string> AllVariables() =>
        ProviderRegistry.Descriptors.SelectMany(d => d.KeyVariables.Append(d.BaseUrlVariable));

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}

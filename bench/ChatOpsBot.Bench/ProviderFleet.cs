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
            var fake = FakeOf(d, fakes);
            if (fake is null)
            {
                fleet.Missing.Add(d.Wire);
                continue;
            }

            var key = TestKeys.For(d.Wire);
            var server = await FakeProviderServer.StartAsync();
            fleet._servers.Add(server);
            fake.Invoke(null, [server, new[] { key }]);

            // The fake serves the real paths (OpenRouter's /api/v1/models/user): its root plus the real root's path.
            var baseUrl = d.DefaultBaseUrl is { } real ? new Uri(server.BaseUrl, real.AbsolutePath) : server.BaseUrl;
            using (var probe = definition.CreateRequest(ProbeKind.Auth, baseUrl, key, null))
            {
                if (probe?.RequestUri is { } uri)
                {
                    server.WithLatency(probe.Method.Method, uri.AbsolutePath, latency);
                }
            }

            fleet.Environment[d.KeyVariables[0]] = key;
            fleet.Environment[d.BaseUrlVariable] = baseUrl.ToString();
            fleet.Included.Add(string.Equals(fake.Name, "As" + d.SettingsName, StringComparison.OrdinalIgnoreCase) ? d.Wire : $"{d.Wire} (fake: {fake.Name})");
        }

        return fleet;
    }

    /// <summary>
    /// The provider's fake: <c>As&lt;SettingsName&gt;</c> (AsOpenAI, AsAzureOpenAI), else the one <c>As…</c> extension of
    /// its file's class <c>Real&lt;SettingsName&gt;</c> when that fake is named after what it imitates
    /// (RealOpenAICompatible.AsLiteLLM: a LiteLLM proxy stands for every OpenAI-compatible server).
    /// </summary>
    private static MethodInfo? FakeOf(ProviderDescriptor d, List<MethodInfo> fakes) =>
        fakes.FirstOrDefault(m => string.Equals(m.Name, "As" + d.SettingsName, StringComparison.OrdinalIgnoreCase))
        ?? (fakes.Where(m => string.Equals(m.DeclaringType?.Name, "Real" + d.SettingsName, StringComparison.OrdinalIgnoreCase)).ToList()
            is [{ } only] ? only : null);

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

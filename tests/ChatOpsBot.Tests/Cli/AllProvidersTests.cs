using ChatOpsBot.Cli;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// What <c>diagnose all</c> takes (docs/contract.md, Providers), read from descriptors only: made-up descriptors stand
/// for providers that need a base URL (a resource endpoint like Azure OpenAI's; a generic OpenAI-compatible server),
/// so the rule is checked whatever the registry holds today.
/// </summary>
public sealed class AllProvidersTests
{
    private static readonly ProviderDescriptor OpenAI = ProviderRegistry.Get(ProviderId.OpenAI);
    private static readonly ProviderDescriptor Anthropic = ProviderRegistry.Get(ProviderId.Anthropic);
    private static readonly ProviderDescriptor Gemini = ProviderRegistry.Get(ProviderId.Gemini);

    // Stand-ins; their ids are borrowed (ids only name the result), their variables are their own.
    private static readonly ProviderDescriptor Endpoint = Made(ProviderId.Anthropic, "endpoint-only", "ENDPOINT_ONLY_API_KEY", "ENDPOINT_ONLY_ENDPOINT", joinsOnlyWithBaseUrl: false);
    private static readonly ProviderDescriptor Compatible = Made(ProviderId.Gemini, "compatible", "COMPATIBLE_API_KEY", "COMPATIBLE_BASE_URL", joinsOnlyWithBaseUrl: true);

    private static ProviderDescriptor Made(ProviderId id, string wire, string keyVariable, string baseUrlVariable, bool joinsOnlyWithBaseUrl) => new()
    {
        Id = id,
        Wire = wire,
        DisplayName = wire,
        SettingsName = wire,
        KeyVariables = [keyVariable],
        BaseUrlVariable = baseUrlVariable,
        DefaultBaseUrl = null,
        KeyPlatform = KeyPlatform.Unknown,
        KeyHint = "any",
        JoinsAllOnlyWithBaseUrl = joinsOnlyWithBaseUrl,
    };

    private static IReadOnlyList<ProviderId> Select(IReadOnlyList<ProviderDescriptor> descriptors, Dictionary<string, string> env, ProviderBaseUrls? configured = null) =>
        AllProviders.Select(descriptors, name => env.TryGetValue(name, out var v) ? v : null, configured ?? []);

    [Fact]
    public void NoKeySet_TheFirstThree()
    {
        Assert.Equal([ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini], Select(ProviderRegistry.Descriptors, []));
        Assert.Equal([ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini], Select([OpenAI, Anthropic, Gemini, Endpoint, Compatible], []));
    }

    [Fact]
    public void OnlyProvidersWithAKey_InRegistryOrder()
    {
        var env = new Dictionary<string, string> { ["GEMINI_API_KEY"] = "x", ["OPENAI_API_KEY"] = "y" };

        Assert.Equal([ProviderId.OpenAI, ProviderId.Gemini], Select([OpenAI, Anthropic, Gemini], env));
    }

    [Fact]
    public void EveryKeyVariableCounts_TheSecondOneToo()
    {
        Assert.Equal([ProviderId.Gemini], Select([OpenAI, Anthropic, Gemini], new() { ["GOOGLE_API_KEY"] = "x" }));
    }

    [Fact]
    public void AnEmptyKeyVariable_IsSet_SoItIsReported()
    {
        Assert.Equal([ProviderId.Anthropic], Select([OpenAI, Anthropic, Gemini], new() { ["ANTHROPIC_API_KEY"] = "" }));
    }

    [Fact]
    public void ProviderThatNeedsAnEndpoint_JoinsOnItsKeyAlone()
    {
        // Reported, not skipped: the engine then says the endpoint is required.
        Assert.Equal([Endpoint.Id], Select([OpenAI, Endpoint], new() { ["ENDPOINT_ONLY_API_KEY"] = "x" }));
    }

    [Fact]
    public void CompatibleServer_JoinsOnlyWithItsBaseUrl()
    {
        var keyOnly = new Dictionary<string, string> { ["COMPATIBLE_API_KEY"] = "x", ["OPENAI_API_KEY"] = "y" };
        Assert.Equal([ProviderId.OpenAI], Select([OpenAI, Compatible], keyOnly));

        var withBaseUrl = new Dictionary<string, string>(keyOnly) { ["COMPATIBLE_BASE_URL"] = "http://127.0.0.1:4000/v1" };
        Assert.Equal([ProviderId.OpenAI, Compatible.Id], Select([OpenAI, Compatible], withBaseUrl));

        var fromSettings = new ProviderBaseUrls { ["compatible"] = new ProviderEndpoint { BaseUrl = new Uri("http://127.0.0.1:4000/v1") } };
        Assert.Equal([ProviderId.OpenAI, Compatible.Id], Select([OpenAI, Compatible], keyOnly, fromSettings));
    }

    [Fact]
    public void CompatibleServer_AloneWithoutBaseUrl_FallsBackToTheFirstThree()
    {
        Assert.Equal(AllProviders.WhenNoKeyIsSet, Select([OpenAI, Anthropic, Gemini, Compatible], new() { ["COMPATIBLE_API_KEY"] = "x" }));
    }

    [Fact]
    public void Usage_ShowsEveryRegisteredProviderWithItsVariables()
    {
        foreach (var d in ProviderRegistry.Descriptors)
        {
            Assert.Contains(d.Wire, DiagnoseArguments.Usage, StringComparison.Ordinal);
            Assert.All(d.KeyVariables, v => Assert.Contains(v, DiagnoseArguments.Usage, StringComparison.Ordinal));
            Assert.Contains(d.BaseUrlVariable, DiagnoseArguments.Usage, StringComparison.Ordinal);
        }

        // The top-level usage names the first three and counts the rest (the list is diagnose --help's).
        Assert.Contains($"(OpenAI, Anthropic, Gemini and {ProviderRegistry.Descriptors.Count - 3} more providers)", ChatOpsBotApp.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_OfProvidersThatNeedABaseUrl_SaysSo()
    {
        var usage = DiagnoseUsage.Build([OpenAI, Endpoint, Compatible]);

        Assert.Contains("ENDPOINT_ONLY_ENDPOINT (required)", usage, StringComparison.Ordinal);
        Assert.Contains("all takes compatible only when COMPATIBLE_BASE_URL is set.", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("all takes", DiagnoseUsage.Build([OpenAI, Endpoint]), StringComparison.Ordinal);
    }
}

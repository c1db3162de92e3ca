using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

/// <summary>
/// A provider with no public API root (a resource endpoint, a gateway) and no base URL given: the engine says which
/// variable to set, from the descriptor, and sends nothing. A test-only provider (OpenAI's probes with no default root)
/// stands for Azure OpenAI and the OpenAI-compatible servers.
/// </summary>
public sealed class NoBaseUrlTests
{
    private readonly FakeTimeProvider _time = new();

    private EngineHarness Harness() => new(_time, o => o.RetryDelay = TimeSpan.Zero, replace: services =>
    {
        services.RemoveAll<IProviderDefinition>();
        services.AddSingleton<IProviderDefinition, EndpointOnlyProvider>();
    });

    [Fact]
    public async Task RunAsync_NoBaseUrl_RequestInvalidAtRouteNamingTheVariable()
    {
        var key = TestKeys.OpenAIProject();
        using var harness = Harness();
        var request = EngineHarness.Request(ProviderId.OpenAI, key, new Uri("http://127.0.0.1:9")) with { BaseUrl = null };

        var report = (await harness.RunAsync(request)).Providers.Single();

        Assert.Equal(VerdictCodes.RequestInvalid, report.Verdict.Code);
        Assert.Equal(DiagnosticStage.Route, report.Verdict.Stage);
        Assert.Contains("your resource's endpoint, https://<resource>.example.com", report.Verdict.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Verdict.NextSteps, s => s.Contains("Set EXAMPLE_ENDPOINT to", StringComparison.Ordinal) && s.Contains("--base-url", StringComparison.Ordinal));
        Assert.Contains(report.Verdict.NextSteps, s => s.Contains("Providers:OpenAI:BaseUrl", StringComparison.Ordinal));
        Assert.Equal("EXAMPLE_ENDPOINT", report.Verdict.Evidence["base_url_variable"]!.GetValue<string>());
        Assert.DoesNotContain(report.Findings, f => f.Stage is DiagnosticStage.Network or DiagnosticStage.Auth && f.Code != VerdictCodes.InfoSkipped);
        LeakAssert.NoSecret(report.Verdict.Detail + string.Join(" ", report.Verdict.NextSteps), key);
    }

    private sealed class EndpointOnlyProvider : IProviderDefinition
    {
        private readonly OpenAIProvider _openai = new();

        public ProviderDescriptor Descriptor => _openai.Descriptor with
        {
            DefaultBaseUrl = null,
            BaseUrlVariable = "EXAMPLE_ENDPOINT",
            BaseUrlDescription = "your resource's endpoint, https://<resource>.example.com",
        };

        public ProviderId Id => _openai.Id;

        public string DeepCheckDescription => _openai.DeepCheckDescription;

        public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model) => _openai.CreateRequest(kind, baseUrl, key, model);

        public Finding Classify(ProbeReading reading) => _openai.Classify(reading);
    }
}

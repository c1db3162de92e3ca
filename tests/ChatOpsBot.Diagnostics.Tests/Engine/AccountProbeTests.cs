using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

/// <summary>
/// The engine's free account check (<see cref="ProbeKind.Account"/>), through a test-only provider: OpenAI's probes
/// plus <c>GET /v1/account</c> answering <c>{"balance": n}</c>. That endpoint and body are made up for this test (no
/// provider answers so); they show the engine's wiring, not any provider's behaviour.
/// </summary>
public sealed class AccountProbeTests : IAsyncLifetime
{
    private readonly string _key = TestKeys.OpenAIProject();
    private readonly FakeTimeProvider _time = new();
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = (await FakeProviderServer.StartAsync()).AsOpenAI(_key);

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_server.Unexpected);
        await _server.DisposeAsync();
    }

    private EngineHarness Harness() => new(_time, o => o.RetryDelay = TimeSpan.Zero, replace: services =>
    {
        services.RemoveAll<IProviderDefinition>();
        services.AddSingleton<IProviderDefinition, AccountCheckingProvider>();
    });

    [Fact]
    public async Task RunAsync_AccountCheckSaysNoCredit_QuotaExhaustedIsTheVerdict()
    {
        _server.On("GET", "/v1/account", FakeResponse.Json(200, """{"balance":0}"""));
        using var harness = Harness();

        var report = (await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl))).Providers.Single();

        Assert.Equal(VerdictCodes.QuotaExhausted, report.Verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, report.Verdict.Stage);
        Assert.Contains(report.Findings, f => f.Code == VerdictCodes.Ok && f.Stage == DiagnosticStage.Auth); // the key itself worked
        Assert.Single(_server.Requests, r => r.Path == "/v1/account");
        LeakAssert.NoSecret(report.Verdict.Detail + report.Verdict.Evidence.ToJsonString(), _key);
    }

    [Fact]
    public async Task RunAsync_AccountCheckSucceeds_OkWithTheAccountsFactsAsEvidence()
    {
        _server.On("GET", "/v1/account", FakeResponse.Json(200, """{"balance":12.5}"""));
        using var harness = Harness();

        var report = (await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl))).Providers.Single();

        Assert.Equal(VerdictCodes.Ok, report.Verdict.Code);
        Assert.Equal("The key works", report.Verdict.Title); // the auth probe's finding, not the account's
        var account = Assert.Single(report.Findings, f => f.Evidence.ContainsKey("balance"));
        Assert.Equal(12.5m, account.Evidence["balance"]!.GetValue<decimal>());
        Assert.Equal(DiagnosticStage.Auth, account.Stage);
    }

    [Fact]
    public async Task RunAsync_AccountCheckRefusesTheKey_ItsErrorIsTheVerdict()
    {
        _server.On("GET", "/v1/account", FakeResponse.FromFixture(ProviderFixture.Load("openai", "account-deactivated")));
        using var harness = Harness();

        var report = (await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl))).Providers.Single();

        Assert.Equal(VerdictCodes.AuthAccountDisabled, report.Verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, report.Verdict.Stage);
    }

    [Fact]
    public async Task RunAsync_AuthFails_NoAccountCheckIsSent()
    {
        using var harness = Harness();

        var report = (await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, TestKeys.OpenAIProject(), _server.BaseUrl))).Providers.Single();

        Assert.Equal(VerdictCodes.AuthInvalidKey, report.Verdict.Code);
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/v1/account");
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public void CreateRequest_ProvidersWithoutAFreeAccountCheck_SendNone(string wire)
    {
        var definition = ProviderRegistry.Definitions.Single(d => d.Descriptor.Wire == wire);

        Assert.Null(definition.CreateRequest(ProbeKind.Account, new Uri("https://example.test"), "k", null));
    }

    /// <summary>OpenAI's probes and classifier, plus the made-up account check described on the class.</summary>
    private sealed class AccountCheckingProvider : IProviderDefinition
    {
        private readonly OpenAIProvider _openai = new();

        public ProviderDescriptor Descriptor => _openai.Descriptor;

        public ProviderId Id => _openai.Id;

        public string DeepCheckDescription => _openai.DeepCheckDescription;

        public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
        {
            if (kind != ProbeKind.Account)
            {
                return _openai.CreateRequest(kind, baseUrl, key, model);
            }

            var request = new HttpRequestMessage(HttpMethod.Get, ProviderUrls.Combine(baseUrl, "/v1/account"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return request;
        }

        public Finding Classify(ProbeReading reading)
        {
            if (reading.Context.Kind != ProbeKind.Account || reading.Status is < 200 or >= 300)
            {
                return _openai.Classify(reading);
            }

            var balance = JsonNode.Parse(reading.Response.Body)?["balance"]?.GetValue<decimal>() ?? 0;
            reading.Evidence["balance"] = balance;
            return balance <= 0
                ? ProbeAnswer.Make(VerdictCodes.QuotaExhausted, DiagnosticStage.Auth, Id, "The account has no credit left.", reading.Evidence)
                : Finding.Pass(DiagnosticStage.Auth, "Account", $"The account has {balance} in credit.", reading.Evidence) with { FromProviderAnswer = true };
        }
    }
}

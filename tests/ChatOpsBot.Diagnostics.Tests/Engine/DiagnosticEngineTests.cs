using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

public sealed class DiagnosticEngineTests : IAsyncLifetime
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

    private EngineHarness Harness(Action<EngineOptions>? configure = null) => new(_time, o =>
    {
        o.RetryDelay = TimeSpan.Zero;
        configure?.Invoke(o);
    });

    [Fact]
    public async Task RunAsync_ValidKey_OkWithEvidence()
    {
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        var openai = report.Providers.Single();
        Assert.Equal(VerdictCodes.Ok, openai.Verdict.Code);
        Assert.True(openai.Complete);
        Assert.Equal("req_0a1b2c3d4e5f60718293a4b5c6d7e8f9", openai.Verdict.Evidence["request_id"]?.ToString());
        Assert.StartsWith("sk-proj-…", openai.KeyShown);
        Assert.Equal(8, openai.KeyFingerprint!.Length);
    }

    [Fact]
    public async Task RunAsync_ProviderHangsPastDeadline_PartialReportNamesThePhase()
    {
        _server.Enqueue("GET", "/v1/models", new FakeResponse { Hang = true });
        using var harness = Harness(o => o.AttemptTimeout = TimeSpan.FromMinutes(5));

        var running = harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl), TimeSpan.FromSeconds(15));
        await _server.WaitForRequestsAsync();
        _time.Advance(TimeSpan.FromSeconds(15));
        var report = await running;

        var openai = report.Providers.Single();
        Assert.False(openai.Complete);
        Assert.Equal(VerdictCodes.NetworkTimeout, openai.Verdict.Code);
        Assert.Equal("auth probe", openai.Verdict.Evidence["phase"]?.ToString());
        Assert.Contains(openai.Findings, f => f.Stage == DiagnosticStage.Key && f.Code == VerdictCodes.Ok);
        Assert.Contains(openai.Findings, f => f.Stage == DiagnosticStage.Network && f.Code == VerdictCodes.Ok);
    }

    [Fact]
    public async Task RunAsync_FirstAttemptTimesOut_RetriedOnceAndFlakyRouteReported()
    {
        _server.Enqueue("GET", "/v1/models", new FakeResponse { Hang = true });
        using var harness = Harness(o => o.AttemptTimeout = TimeSpan.FromSeconds(5));

        var running = harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl), TimeSpan.FromSeconds(15));
        await _server.WaitForRequestsAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        var report = await running;

        var openai = report.Providers.Single();
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(VerdictCodes.Ok, openai.Verdict.Code);
        var flaky = Assert.Single(openai.Findings, f => f.Code == VerdictCodes.NetworkFlaky);
        Assert.Equal(Severity.Warn, flaky.Severity);
        Assert.Contains("timed out", flaky.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerErrorThenSuccess_RetriedOnce()
    {
        _server.Enqueue("GET", "/v1/models", FakeResponse.Json(503, """{"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,"code":null}}"""));
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(VerdictCodes.Ok, report.Providers[0].Verdict.Code);
        Assert.Contains(report.Providers[0].Findings, f => f.Code == VerdictCodes.NetworkFlaky);
    }

    [Fact]
    public async Task RunAsync_ServerErrorTwice_ServerErrorVerdictAfterOneRetry()
    {
        var error = FakeResponse.Json(500, """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""");
        _server.Enqueue("GET", "/v1/models", error).Enqueue("GET", "/v1/models", error);
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(VerdictCodes.ProviderServerError, report.Providers[0].Verdict.Code);
    }

    [Fact]
    public async Task RunAsync_RateLimited429_NeverRetried()
    {
        _server.Enqueue("GET", "/v1/models", FakeResponse.Json(429,
            """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            ("retry-after", "1"), ("x-ratelimit-remaining-requests", "0")));
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Single(_server.Requests);
        Assert.Equal(VerdictCodes.RateLimited, report.Providers[0].Verdict.Code);
    }

    [Fact]
    public async Task RunAsync_RetryAfterBeyondDeadline_NotWaitedFor()
    {
        _server.Enqueue("GET", "/v1/models", FakeResponse.Json(503,
            """{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}""",
            ("retry-after", "120")));
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl), TimeSpan.FromSeconds(15));

        Assert.Single(_server.Requests);
        Assert.Equal(VerdictCodes.ProviderOverloaded, report.Providers[0].Verdict.Code);
    }

    [Fact]
    public async Task RunAsync_ConnectionDroppedTwice_ConnectFailedAfterOneRetry()
    {
        _server.Enqueue("GET", "/v1/models", new FakeResponse { Drop = true }).Enqueue("GET", "/v1/models", new FakeResponse { Drop = true });
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(VerdictCodes.NetworkConnectFailed, report.Providers[0].Verdict.Code);
        Assert.Equal(2, report.Providers[0].Verdict.Evidence["attempts"]?.GetValue<int>());
    }

    [Fact]
    public async Task RunAsync_EndlessHtmlBody_ReadsABoundedPrefixAndSaysUnexpected()
    {
        _server.Enqueue("GET", "/v1/models", new FakeResponse
        {
            Endless = true,
            Headers = new Dictionary<string, string> { ["content-type"] = "text/html" },
        });
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(VerdictCodes.ProviderUnexpected, report.Providers[0].Verdict.Code);
        Assert.True(report.Providers[0].Verdict.Detail.Length < 2000);
    }

    [Fact]
    public async Task RunAsync_CaptivePortalHtml_UnexpectedWithRedactedExcerpt()
    {
        _server.Enqueue("GET", "/v1/models", FakeResponse.Html(200,
            $"<html><head><title>Hotel WiFi - Sign in</title></head><body>Please accept the terms. Your request to /v1/models with Bearer {_key} was held.</body></html>"));
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        var verdict = report.Providers[0].Verdict;
        Assert.Contains(verdict.Code, new[] { VerdictCodes.ProviderUnexpected, VerdictCodes.NetworkProxy });
        LeakAssert.NoSecret(verdict.Detail + verdict.Evidence.ToJsonString(), _key);
    }

    [Fact]
    public async Task RunAsync_Progress_StreamsStagesAndFindingsInOrder()
    {
        using var harness = Harness();
        var progress = new RecordingProgress();

        await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl), progress: progress);

        var stages = progress.Events.OfType<StageStarted>().Select(e => e.Stage).ToList();
        Assert.Equal([DiagnosticStage.Key, DiagnosticStage.Route, DiagnosticStage.Network, DiagnosticStage.Egress, DiagnosticStage.Auth], stages);
        Assert.True(progress.Events.OfType<FindingAdded>().Count() >= 4);
        Assert.IsType<ProviderFinished>(progress.Events[^1]);
    }

    [Fact]
    public async Task RunAsync_ThreeProviders_RunInParallelUnderOneDeadline()
    {
        await using var anthropic = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        await using var gemini = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        _server.Enqueue("GET", "/v1/models", new FakeResponse { Hang = true });
        anthropic.Enqueue("GET", "/v1/models", new FakeResponse { Hang = true });
        gemini.Enqueue("GET", "/v1beta/models", new FakeResponse { Hang = true });
        using var harness = Harness(o => o.AttemptTimeout = TimeSpan.FromMinutes(5));

        var running = harness.Engine.RunAsync(
            [
                EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl),
                EngineHarness.Request(ProviderId.Anthropic, TestKeys.Anthropic(), anthropic.BaseUrl),
                EngineHarness.Request(ProviderId.Gemini, TestKeys.Gemini(), gemini.BaseUrl),
            ],
            TimeSpan.FromSeconds(10),
            cancellationToken: TestContext.Current.CancellationToken);

        // All three are waiting for an answer at once: only parallel runs get here.
        await Task.WhenAll(_server.WaitForRequestsAsync(), anthropic.WaitForRequestsAsync(), gemini.WaitForRequestsAsync());
        _time.Advance(TimeSpan.FromSeconds(10));
        var report = await running;

        Assert.All(report.Providers, p => Assert.Equal(VerdictCodes.NetworkTimeout, p.Verdict.Code));
    }
}

using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// Every recorded real answer, replayed by the fake provider through the whole CLI (key stage, route, network,
/// probe, classification, verdict ranking, JSON rendering): the verdict is the one the fixture expects.
/// </summary>
public sealed class RecordedAnswersEndToEndTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "openai", "anthropic", "gemini" })
        {
            foreach (var name in ProviderFixture.Names(provider))
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Diagnose_RecordedAnswer_GivesTheExpectedVerdict(string provider, string name)
    {
        var fixture = ProviderFixture.Load(provider, name);
        var key = TestKeys.For(provider);
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var ok = ProviderFixture.Load(provider, "models-list-ok");
        var listPath = provider == "gemini" ? "/v1beta/models" : "/v1/models";
        var answer = FakeResponse.FromFixture(fixture);
        switch (fixture.Probe)
        {
            case "auth":
                server.On("GET", listPath, answer);
                break;
            case "model":
                server.On("GET", listPath, FakeResponse.FromFixture(ok)).On("GET", listPath + "/*", answer);
                break;
            default:
                server.On("GET", listPath, FakeResponse.FromFixture(ok))
                    .On("GET", listPath + "/*", FakeResponse.FromFixture(ok))
                    .On("POST", provider switch { "openai" => "/v1/chat/completions", "anthropic" => "/v1/messages", _ => "/v1beta/models/*" }, answer);
                break;
        }

        var args = new List<string> { "diagnose", provider, "--json", "--base-url", server.BaseUrl.ToString() };
        if (fixture.Model is { } model)
        {
            args.AddRange(["--model", model]);
        }

        if (fixture.Probe == "deep")
        {
            args.Add("--deep");
        }

        var env = new Dictionary<string, string> { [provider == "gemini" ? "GEMINI_API_KEY" : provider.ToUpperInvariant() + "_API_KEY"] = key };

        var result = await CliHarness.RunAsync([.. args], env);

        using var json = JsonDocument.Parse(result.Out);
        var report = json.RootElement.GetProperty("providers")[0];
        Assert.Equal(fixture.ExpectedCode, report.GetProperty("verdict").GetString());
        Assert.Equal(fixture.ExpectedCode == "ok" ? 0 : 1, result.ExitCode);
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }
}

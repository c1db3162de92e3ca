using System.Text.Json;
using ChatOpsBot.Diagnostics.Providers;
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
        foreach (var provider in ProviderFixture.Providers)
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
        var definition = ProviderRegistry.Definitions.Single(d => d.Descriptor.Wire == provider);
        var answer = FakeResponse.FromFixture(fixture);

        // Every probe the provider would send answers as the recorded success, except the fixture's, which answers the recording.
        foreach (var kind in Enum.GetValues<ProbeKind>())
        {
            using var request = definition.CreateRequest(kind, server.BaseUrl, key, fixture.Model);
            if (request is not null)
            {
                server.On(request.Method.Method, request.RequestUri!.AbsolutePath, kind == fixture.Kind ? answer : FakeResponse.FromFixture(ok));
            }
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

        var env = new Dictionary<string, string> { [definition.Descriptor.KeyVariables[0]] = key };

        var result = await CliHarness.RunAsync([.. args], env);

        using var json = JsonDocument.Parse(result.Out);
        var report = json.RootElement.GetProperty("providers")[0];
        Assert.Equal(fixture.ExpectedCode, report.GetProperty("verdict").GetString());
        Assert.Equal(fixture.ExpectedCode == "ok" ? 0 : 1, result.ExitCode);
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }
}

using System.Text.Json;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Gateways;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Diagnostics.Providers.OpenAICompatible;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Gateways;

/// <summary>
/// Every recorded gateway answer (Providers/OpenAICompatible/Recorded) gives its expected code, names its gateway in
/// evidence <c>gateway</c> and, for <c>gateway.upstream_error</c>, the upstream's cause in <c>upstream_code</c>: read as
/// <c>diagnose openai-compatible</c> does, and as <c>diagnose openai --base-url</c> does.
/// </summary>
public sealed class GatewayRecordedAnswersTests
{
    private const string Wire = "openai-compatible";

    // Helicone's proxy passes OpenAI's answer through byte for byte: nothing in it shows Helicone, and the gateway is
    // never named from the base URL's host.
    private static readonly HashSet<string> PassThroughUnrecognisable = ["helicone-proxy-passthrough-openai-401"];

    public static TheoryData<string> Fixtures() => new(ProviderFixture.Names(Wire));

    [Fact]
    public void Recorded_HasTheGatewayCorpus()
    {
        var names = ProviderFixture.Names(Wire);

        Assert.True(names.Count >= 59);
        foreach (var gateway in GatewayNames.All.Where(g => g != GatewayNames.OpenRouter))
        {
            Assert.Contains(names, n => Expected(n).Gateway == gateway);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OpenAICompatible_RecordedAnswer_GivesCodeGatewayAndUpstreamCode(string name) =>
        Check(new OpenAICompatibleProvider(), ProviderId.OpenAICompatible, name);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OpenAIWithBaseUrl_RecordedAnswer_GivesCodeGatewayAndUpstreamCode(string name)
    {
        // diagnose openai sends no gateway's account check (new-api's /api/usage/token/): nothing to read there.
        if (ProviderFixture.Load(Wire, name).Kind != ProbeKind.Account)
        {
            Check(new OpenAIProvider(), ProviderId.OpenAI, name);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OpenAIOnItsOwnHost_NamesNoGateway(string name)
    {
        var fixture = ProviderFixture.Load(Wire, name);

        var findings = new OpenAIProvider().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAI, fixture.Kind, fixture.Model));

        Assert.All(findings, f => Assert.False(f.Evidence.ContainsKey("gateway")));
    }

    private static void Check(IProviderDefinition definition, ProviderId id, string name)
    {
        var fixture = ProviderFixture.Load(Wire, name);
        var (gateway, upstreamCode) = Expected(name);
        var context = ProbeTestKit.Context(id, fixture.Kind, fixture.Model, custom: true);

        var findings = definition.Read(fixture.ToProbeResponse(), context);

        var verdict = ProbeTestKit.Verdict(findings);
        Assert.Equal(fixture.ExpectedCode, verdict.Code);
        Assert.True(verdict.FromProviderAnswer);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Detail));
        Assert.Equal(PassThroughUnrecognisable.Contains(name) ? null : gateway, verdict.Evidence["gateway"]?.GetValue<string>());
        Assert.Equal(upstreamCode, verdict.Evidence["upstream_code"]?.GetValue<string>());
        if (verdict.Evidence["gateway"] is not null)
        {
            Assert.Contains(verdict.Evidence["gateway"]!.GetValue<string>(), GatewayNames.All);
        }
    }

    private static (string? Gateway, string? UpstreamCode) Expected(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProviderFixture.FolderOf(Wire), name + ".json")));
        var root = document.RootElement;
        return (root.TryGetProperty("gateway", out var g) ? g.GetString() : null,
            root.TryGetProperty("upstream_code", out var u) ? u.GetString() : null);
    }
}

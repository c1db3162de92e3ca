using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Anthropic;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Diagnostics.Providers.OpenAICompatible;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Gateways;

/// <summary>The gateway step of the reading: recognition from the answer only, wording, and no key let out.</summary>
public sealed class GatewayReaderTests
{
    private const string LiteLLMUpstreamOpenAI =
        """{"error":{"message":"litellm.AuthenticationError: OpenAIException - Incorrect API key provided: <my-key>. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

    public static TheoryData<string, string> ProviderOwnAnswers()
    {
        var data = new TheoryData<string, string>();
        foreach (var wire in (string[])["openai", "anthropic", "gemini"])
        {
            foreach (var name in ProviderFixture.Names(wire))
            {
                data.Add(wire, name);
            }
        }

        return data;
    }

    private static IReadOnlyList<Finding> Read(IProviderDefinition definition, int status, string body, ProbeKind kind = ProbeKind.Deep, params (string, string)[] headers) =>
        definition.Read(ProbeTestKit.Response(status, body, [("Content-Type", "application/json"), .. headers]),
            ProbeTestKit.Context(definition.Id, kind, custom: true));

    [Fact]
    public void LiteLLM_ExpiredKeyEchoedWholeInParam_NeverLetsTheKeyOut()
    {
        var key = TestKeys.FromShape("openai-compatible");
        var body = $$$"""{"error":{"message":"Authentication Error - Expired Key. Key Expiry time 2025-01-01 00:00:00+00:00 and current time 2025-01-06 12:00:00+00:00","type":"expired_key","param":"{{{key}}}","code":"400"}}""";

        var findings = Read(new OpenAICompatibleProvider(), 400, body);

        var verdict = ProbeTestKit.Verdict(findings);
        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Equal("litellm", verdict.Evidence["gateway"]!.GetValue<string>());
        Assert.All(findings, f =>
        {
            Assert.DoesNotContain(key, f.Evidence.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, f.Detail, StringComparison.Ordinal);
        });
        Assert.EndsWith(key[^4..], verdict.Evidence["error_param"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void LiteLLM_KeyHashEchoed_StaysOutOfEvidence()
    {
        var hash = new string('a', 64);
        var body = $$$"""{"error":{"message":"Authentication Error, Invalid proxy server token passed. Received API Key = sk-...0000, Key Hash (Token) ={{{hash}}}. Unable to find token in cache or `LiteLLM_VerificationTokenTable`","type":"token_not_found_in_db","param":"key","code":"401"}}""";

        var verdict = ProbeTestKit.Verdict(Read(new OpenAICompatibleProvider(), 401, body));

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.DoesNotContain(hash, verdict.Evidence.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(hash, verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LiteLLM_UpstreamRejectsTheGatewaysKey_NamesBothAndTheOperator()
    {
        var verdict = ProbeTestKit.Verdict(Read(new OpenAICompatibleProvider(), 401, LiteLLMUpstreamOpenAI));

        Assert.Equal(VerdictCodes.GatewayUpstreamError, verdict.Code);
        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Evidence["upstream_code"]!.GetValue<string>());
        Assert.Equal("OpenAI", verdict.Evidence["upstream"]!.GetValue<string>());
        Assert.StartsWith("LiteLLM accepted your key; its upstream (OpenAI) rejected the gateway's own key", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("operator", verdict.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(verdict.NextSteps);
    }

    [Fact]
    public void AnyProviderThroughACustomBaseUrl_ReadsTheGatewayStep()
    {
        // Claude Code behind a company LiteLLM: the Anthropic provider's answers go through the same step.
        var verdict = ProbeTestKit.Verdict(Read(new AnthropicProvider(), 401, LiteLLMUpstreamOpenAI));

        Assert.Equal(VerdictCodes.GatewayUpstreamError, verdict.Code);
        Assert.Equal("litellm", verdict.Evidence["gateway"]!.GetValue<string>());
    }

    [Fact]
    public void Headers_NameTheGateway_EvenOnAPassedThroughBody()
    {
        const string OpenAI401 = """{"error":{"message":"Incorrect API key provided: sk-abc***wxyz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

        var verdict = ProbeTestKit.Verdict(Read(new OpenAIProvider(), 401, OpenAI401, ProbeKind.Auth, ("cf-aig-log-id", "01J0000000")));

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code); // with the user's own key behind the gateway, the user's to fix
        Assert.Equal("cloudflare-ai-gateway", verdict.Evidence["gateway"]!.GetValue<string>());
        Assert.False(verdict.Evidence.ContainsKey("upstream_code"));
    }

    [Fact]
    public void OneApi_UpstreamSaturatedOnInsufficientQuota_GivesQuotaUpstream()
    {
        const string Body = """{"error":{"message":"当前分组上游负载已饱和，请稍后再试 (request id: 2025022115105512345678901234567)","type":"insufficient_quota","param":"","code":"insufficient_quota"}}""";

        var verdict = ProbeTestKit.Verdict(Read(new OpenAICompatibleProvider(), 429, Body));

        Assert.Equal(VerdictCodes.GatewayUpstreamError, verdict.Code);
        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Evidence["upstream_code"]!.GetValue<string>());
    }

    [Fact]
    public void OneApi_AuthOk_SaysTheUpstreamIsOnlyCheckedWithDeep()
    {
        var fixture = ProviderFixture.Load("openai-compatible", "oa-models-list-ok");

        var findings = new OpenAICompatibleProvider().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAICompatible, ProbeKind.Auth, custom: true));

        var ok = Assert.Single(findings);
        Assert.Equal(VerdictCodes.Ok, ok.Code);
        Assert.Contains("the gateway accepted your key; its upstream is only checked with --deep", ok.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ollama_AuthOk_SaysNoKeyIsChecked()
    {
        var fixture = ProviderFixture.Load("openai-compatible", "ollama-models-list-ok");

        var ok = Assert.Single(new OpenAICompatibleProvider().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAICompatible, custom: true)));

        Assert.Equal(VerdictCodes.Ok, ok.Code);
        Assert.Contains("checks no key", ok.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PortkeyStatus200WithoutData_IsNotASuccess()
    {
        var verdict = ProbeTestKit.Verdict(Read(new OpenAICompatibleProvider(), 200, """{"html-message":"Network connection lost."}"""));

        Assert.Equal(VerdictCodes.GatewayUpstreamError, verdict.Code);
        Assert.Equal(VerdictCodes.NetworkConnectFailed, verdict.Evidence["upstream_code"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ProviderOwnAnswers))]
    public void ProvidersOwnAnswers_ThroughACustomBaseUrl_AreNotTakenForAGateway(string wire, string name)
    {
        var fixture = ProviderFixture.Load(wire, name);
        var definition = ProviderRegistry.Definitions.Single(d => d.Descriptor.Wire == wire);
        var context = ProbeTestKit.Context(definition.Id, fixture.Kind, fixture.Model, custom: true);

        var findings = definition.Read(fixture.ToProbeResponse(), context);

        Assert.All(findings, f => Assert.False(f.Evidence.ContainsKey("gateway"), $"{wire}/{name} named {f.Evidence["gateway"]}"));
        Assert.Equal(fixture.ExpectedCode, ProbeTestKit.Verdict(findings).Code);
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Read_Garbage_NeverThrows(int status, string body)
    {
        var findings = new OpenAICompatibleProvider().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.OpenAICompatible, custom: true));

        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.Evidence.ContainsKey("classifier_error"));
    }

    public static TheoryData<int, string> Garbage() => ProbeTestKit.GarbageBodies();
}

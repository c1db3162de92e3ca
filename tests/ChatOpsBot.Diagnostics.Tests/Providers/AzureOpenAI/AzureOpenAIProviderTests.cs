using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.AzureOpenAI;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.AzureOpenAI;

public class AzureOpenAIProviderTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private static readonly Uri Endpoint = new("https://my-resource.openai.azure.com");

    private static AzureOpenAIProvider CreateSut() => new();

    private static Finding Read(ProviderFixture fixture) =>
        ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.AzureOpenAI, fixture.Kind, fixture.Model, custom: true)));

    private static Finding Read(string name) => Read(ProviderFixture.Load("azure-openai", name));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("azure-openai").Count >= 16);
    }

    [Theory]
    [InlineData("https://my-resource.openai.azure.com", "https://my-resource.openai.azure.com/openai/models?api-version=2024-10-21")]
    [InlineData("https://my-resource.openai.azure.com/", "https://my-resource.openai.azure.com/openai/models?api-version=2024-10-21")]
    [InlineData("https://my-resource.cognitiveservices.azure.com/openai", "https://my-resource.cognitiveservices.azure.com/openai/models?api-version=2024-10-21")]
    [InlineData("https://apim.example/aoai?x=1", "https://apim.example/aoai/openai/models?api-version=2024-10-21")]
    public void CreateRequest_Auth_ListsModelsWithTheKeyInApiKeyOnly(string endpoint, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(endpoint), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal(Key, Assert.Single(request.Headers.GetValues("api-key")));
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task CreateRequest_Model_PostsOneTokenCompletionToTheDeployment()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, Endpoint, Key, "my gpt-4o")!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/openai/deployments/my%20gpt-4o/chat/completions", request.RequestUri!.AbsolutePath);
        Assert.Equal("?api-version=2024-10-21", request.RequestUri.Query);
        Assert.Equal(Key, Assert.Single(request.Headers.GetValues("api-key")));
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"model\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRequest_ModelOnAReasoningDeploymentName_UsesMaxCompletionTokens()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, Endpoint, Key, "gpt-5.1")!;

        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"max_completion_tokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRequest_DeepAccountAndModelWithoutName_AreNotSent()
    {
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Deep, Endpoint, Key, "gpt-4o"));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, Endpoint, Key, null));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, Endpoint, Key, "  "));
    }

    [Fact]
    public void Descriptor_MatchesTheContract_AndHasNoDefaultEndpoint()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal("azure-openai", d.Wire);
        Assert.Equal(["azure"], d.Aliases);
        Assert.Equal(["AZURE_OPENAI_API_KEY"], d.KeyVariables);
        Assert.Equal("AZURE_OPENAI_ENDPOINT", d.BaseUrlVariable);
        Assert.Equal("AzureOpenAI", d.SettingsName);
        Assert.Null(d.DefaultBaseUrl);
        Assert.Equal(KeyPlatform.Unknown, d.KeyPlatform);
    }

    [Fact]
    public void NextSteps_RequestInvalid_SaysHowToSetTheEndpoint()
    {
        var steps = NextStepsCatalog.For(VerdictCodes.RequestInvalid, ProviderId.AzureOpenAI).Steps;

        Assert.Contains("AZURE_OPENAI_ENDPOINT", steps[0], StringComparison.Ordinal);
        Assert.Contains("--base-url", steps[0], StringComparison.Ordinal);
        Assert.Contains("https://<resource>.openai.azure.com", steps[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vnet-firewall-denied")]
    [InlineData("public-access-disabled")]
    [InlineData("vnet-configured-use-correct-endpoint")]
    public void Classify_NetworkRules_AreIpNotAllowedAtTheNetworkStage(string name)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.NetworkIpNotAllowed, verdict.Code);
        Assert.Equal(DiagnosticStage.Network, verdict.Stage);
        Assert.Contains("key was not judged", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_FirewallDenied_KeepsPolicyAndRequestId()
    {
        var verdict = Read("vnet-firewall-denied");

        Assert.Equal("ThrowExceptionDueToTrafficDenied", verdict.Evidence["policy_id"]!.GetValue<string>());
        Assert.Equal("c85f3b15-cf66-4482-a190-82ac6e287aad", verdict.Evidence["request_id"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_PrivateEndpointWording_IsIpNotAllowed()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(403, """{"error":{"code":"403","message":"Traffic is not from an approved private endpoint."}}"""),
            ProbeTestKit.Context(ProviderId.AzureOpenAI, custom: true)));

        Assert.Equal(VerdictCodes.NetworkIpNotAllowed, verdict.Code);
    }

    [Fact]
    public void Classify_InvalidSubscriptionKey_NamesBothCauses()
    {
        var verdict = Read("invalid-subscription-key");

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Contains("another resource or region", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("401", verdict.Evidence["error_code"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_ThreeEnvelopes_AreRead()
    {
        Assert.Equal(VerdictCodes.AuthWrongHeader, Read("key-sent-as-bearer-token").Code);
        Assert.Equal(VerdictCodes.AuthMissingKey, Read("apim-missing-subscription-key").Code);
        Assert.Contains("API Management", Read("apim-missing-subscription-key").Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.AuthPermissionDenied, Read("key-auth-disabled").Code);
        Assert.Equal(VerdictCodes.ProviderServerError, Read("server-error-500").Code);
    }

    [Fact]
    public void Classify_DeploymentNotFound_NamesTheDeployment()
    {
        var verdict = Read("deployment-not-found");

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Contains("deployment `my-deployment`", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("deployment", NextStepsCatalog.For(VerdictCodes.ModelNotFound, ProviderId.AzureOpenAI).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ResourceNotFound_IsThePathNotTheModel()
    {
        var verdict = Read("resource-not-found-path");

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
        Assert.Contains("AZURE_OPENAI_ENDPOINT", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_429_TellsMinuteDayAndHighDemandApart()
    {
        var minute = Read("token-rate-limit-per-minute");
        var day = Read("token-rate-limit-daily-86400");
        var demand = Read("high-demand-429");

        Assert.Equal(VerdictCodes.RateLimited, minute.Code);
        Assert.Equal("minute", minute.Evidence["limit_window"]!.GetValue<string>());
        Assert.Equal(60, minute.Evidence["retry_after_seconds"]!.GetValue<int>());
        Assert.Equal(VerdictCodes.RateLimited, day.Code);
        Assert.Equal("day", day.Evidence["limit_window"]!.GetValue<string>());
        Assert.Contains("for the day", day.Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.ProviderOverloaded, demand.Code);
    }

    [Fact]
    public void Classify_RetryAfterOnlyInTheMessage_IsRead()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(429, """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 86400 seconds."}}"""),
            ProbeTestKit.Context(ProviderId.AzureOpenAI, ProbeKind.Model, "d", custom: true)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal(86400, verdict.Evidence["retry_after_seconds"]!.GetValue<int>());
        Assert.Contains("request limit", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "", VerdictCodes.ProviderUnexpected)]
    [InlineData(403, "{\"error\":{\"code\":\"403\",\"message\":\"Forbidden\"}}", VerdictCodes.AuthPermissionDenied)]
    [InlineData(401, "[{\"error\":{\"code\":\"401\"}}]", VerdictCodes.AuthInvalidKey)]
    [InlineData(429, "{\"statusCode\":429,", VerdictCodes.RateLimited)]
    [InlineData(503, "<html><body>Service Unavailable</body></html>", VerdictCodes.ProviderServerError)]
    public void Classify_OddInput_FallsToTheStatusReading(int status, string body, string expected)
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.AzureOpenAI, custom: true)));

        Assert.Equal(expected, finding.Code);
    }
}

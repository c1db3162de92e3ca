using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.OpenAICompatible;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.OpenAICompatible;

public sealed class OpenAICompatibleProviderTests
{
    private const string Key = "sk-1234567890abcdef";

    private static OpenAICompatibleProvider CreateSut() => new();

    [Fact]
    public void Descriptor_FollowsTheContract()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal("openai-compatible", d.Wire);
        Assert.Empty(d.Aliases);
        Assert.Equal(["OPENAI_COMPATIBLE_API_KEY"], d.KeyVariables);
        Assert.Equal("OPENAI_COMPATIBLE_BASE_URL", d.BaseUrlVariable);
        Assert.Equal("OpenAICompatible", d.SettingsName);
        Assert.Null(d.DefaultBaseUrl); // required: no public root
        Assert.Equal(KeyPlatform.Unknown, d.KeyPlatform);
        Assert.Equal(d.Wire, ProviderRegistry.FindByName("openai-compatible")!.Wire);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/v1/models")]
    [InlineData("http://127.0.0.1:4000/v1", "http://127.0.0.1:4000/v1/models")]
    [InlineData("https://gw.example/v1/", "https://gw.example/v1/models")]
    [InlineData("https://gw.example/api/openai", "https://gw.example/api/openai/v1/models")]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1/models")]
    public void CreateRequest_Auth_FollowsOpenAIsSdkPathConvention(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenWithMaxTokens()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("http://127.0.0.1:4000/v1"), Key, "claude-x")!;

        Assert.Equal("http://127.0.0.1:4000/v1/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"claude-x\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRequest_ModelAndAccount_AsOpenAI()
    {
        using var model = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://gw.example/v1"), Key, "openai/gpt-4o")!;

        Assert.Equal("/v1/models/openai%2Fgpt-4o", model.RequestUri!.AbsolutePath);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://gw.example"), Key, null));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://gw.example"), Key, null));
    }

    [Theory]
    [InlineData("sk-Xy7pQ2m9Lk")]
    [InlineData("sk-gw-0123456789abcdefghij0123456789abcdefghij")]
    [InlineData("not-needed-but-a-token")]
    public void KeyOfAnyShape_IsFine(string key)
    {
        var inspection = KeyInspector.Inspect(key, ProviderId.OpenAICompatible, KeySource.Environment, "OPENAI_COMPATIBLE_API_KEY");

        Assert.Equal(key, inspection.UsableKey);
        Assert.DoesNotContain(inspection.Findings, f => f.Severity >= Severity.Warn);
    }

    [Fact]
    public void KeyOfAnotherKnownPlatform_IsAWarningNotAnError()
    {
        var key = TestKeys.Anthropic();

        var inspection = KeyInspector.Inspect(key, ProviderId.OpenAICompatible, KeySource.Environment, "OPENAI_COMPATIBLE_API_KEY");

        var warning = Assert.Single(inspection.Findings, f => f.Code == VerdictCodes.KeyWrongPlatform);
        Assert.Equal(Severity.Warn, warning.Severity);
        Assert.Equal(key, inspection.UsableKey);
    }
}

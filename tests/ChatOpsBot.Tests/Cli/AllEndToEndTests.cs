using System.Text.Json;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// <c>diagnose all</c> through the real entry point with the real registry: the providers whose key variable is set,
/// Azure OpenAI reported (not skipped) when its endpoint is missing, openai-compatible left out without its base URL.
/// </summary>
public sealed class AllEndToEndTests
{
    [Fact]
    public async Task All_AzureKeyWithoutEndpoint_IsReportedAndCompatibleWithoutBaseUrlIsLeftOut()
    {
        var azureKey = TestKeys.FromShape("azure-openai");
        var compatibleKey = TestKeys.FromShape("openai-compatible");

        var result = await CliHarness.RunAsync(["diagnose", "all", "--json"], new Dictionary<string, string>
        {
            ["AZURE_OPENAI_API_KEY"] = azureKey,
            ["OPENAI_COMPATIBLE_API_KEY"] = compatibleKey,
        });

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var providers = json.RootElement.GetProperty("providers").EnumerateArray().ToList();
        var azure = Assert.Single(providers);
        Assert.Equal("azure-openai", azure.GetProperty("provider").GetString());
        Assert.Equal("request.invalid", azure.GetProperty("verdict").GetString());
        var decisive = azure.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == "request.invalid");
        Assert.Contains("AZURE_OPENAI_ENDPOINT", decisive.GetProperty("detail").GetString(), StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, azureKey);
        LeakAssert.NoSecret(result.All, compatibleKey);
    }

    [Fact]
    public async Task All_TwoNewProvidersSet_DiagnosesOnlyThoseInRegistryOrder()
    {
        var xaiKey = TestKeys.FromShape("xai");
        var groqKey = TestKeys.FromShape("groq");

        // Unreachable roots on loopback: the point is which providers run, in which order, never the network.
        var result = await CliHarness.RunAsync(["diagnose", "all", "--json", "--timeout", "5"], new Dictionary<string, string>
        {
            ["GROQ_API_KEY"] = groqKey,
            ["GROQ_BASE_URL"] = "http://127.0.0.1:9",
            ["XAI_API_KEY"] = xaiKey,
            ["XAI_BASE_URL"] = "http://127.0.0.1:9",
        });

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["xai", "groq"], json.RootElement.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("provider").GetString()));
        LeakAssert.NoSecret(result.All, xaiKey);
        LeakAssert.NoSecret(result.All, groqKey);
    }
}

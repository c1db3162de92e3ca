using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

public class ProviderUrlsTests
{
    [Theory]
    [InlineData("https://api.openai.com", "/v1/models", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/", "/v1/models", "https://api.openai.com/v1/models")]
    [InlineData("https://gw.example/openai", "/v1/models", "https://gw.example/openai/v1/models")]
    [InlineData("https://gw.example/openai//", "/v1/models", "https://gw.example/openai/v1/models")]
    [InlineData("http://127.0.0.1:8080/x?key=secret#f", "/v1/models", "http://127.0.0.1:8080/x/v1/models")]
    public void Combine_BaseWithPrefixOrSlash_KeepsPrefixWithoutDoubleSlash(string baseUrl, string path, string expected)
    {
        Assert.Equal(expected, ProviderUrls.Combine(new Uri(baseUrl), path).AbsoluteUri);
    }

    [Fact]
    public void EscapeSegment_SlashInName_IsEscapedAndSurvivesCombine()
    {
        var uri = ProviderUrls.Combine(new Uri("https://gw.example"), "/v1/models/" + ProviderUrls.EscapeSegment("org/model name"));

        Assert.Equal("/v1/models/org%2Fmodel%20name", uri.AbsolutePath);
    }

    [Theory]
    [InlineData("https://api.openai.com", "v1", "/models", "https://api.openai.com/v1/models")]
    [InlineData("https://gw.example/v1/", "v1", "/models", "https://gw.example/v1/models")]
    [InlineData("https://gw.example/V1", "v1", "/models", "https://gw.example/V1/models")]
    [InlineData("https://r.openai.azure.com/openai", "openai", "/models", "https://r.openai.azure.com/openai/models")]
    [InlineData("https://g.example/v1beta", "v1", "/models", "https://g.example/v1beta/v1/models")]
    public void CombineUnder_AddsTheSegmentOnlyWhenTheBaseDoesNotEndInIt(string baseUrl, string segment, string path, string expected)
    {
        Assert.Equal(expected, ProviderUrls.CombineUnder(new Uri(baseUrl), segment, path).AbsoluteUri);
        if (segment == "v1")
        {
            Assert.Equal(expected, ProviderUrls.CombineV1(new Uri(baseUrl), path).AbsoluteUri);
        }
    }
}

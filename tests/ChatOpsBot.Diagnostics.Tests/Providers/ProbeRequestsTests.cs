using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

public class ProbeRequestsTests
{
    private static readonly Uri Url = new("https://api.example/v1/models");

    [Fact]
    public void Require_NullBaseUrlOrKey_ThrowsNamingTheParameter()
    {
        Assert.Equal("baseUrl", Assert.Throws<ArgumentNullException>(() => ProbeRequests.Require(null!, "k")).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => ProbeRequests.Require(Url, null!)).ParamName);
    }

    [Fact]
    public async Task PostJson_SendsUtf8JsonBody()
    {
        using var request = ProbeRequests.PostJson(Url, new JsonObject { ["a"] = 1 });

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", request.Content.Headers.ContentType.CharSet);
        Assert.Equal("{\"a\":1}", await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void WithBearerAndWithHeader_SetTheKeyHeaderAndOneJsonAccept()
    {
        using var bearer = ProbeRequests.Get(Url).WithBearer("k1")!;
        using var twoHeaders = ProbeRequests.Post(Url).WithHeader("x-api-key", "k2").WithHeader("anthropic-version", "v")!;

        Assert.Equal("Bearer k1", Assert.Single(bearer.Headers.GetValues("Authorization")));
        Assert.Equal("application/json", Assert.Single(bearer.Headers.Accept).MediaType);
        Assert.Equal("k2", Assert.Single(twoHeaders.Headers.GetValues("x-api-key")));
        Assert.Equal("application/json", Assert.Single(twoHeaders.Headers.Accept).MediaType);
        Assert.Null(twoHeaders.Content);
        Assert.Null(((HttpRequestMessage?)null).WithBearer("k"));
    }

    [Theory]
    [InlineData(null, "max_tokens", true, "{\"model\":\"d\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}")]
    [InlineData(" m ", "max_tokens", true, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}")]
    [InlineData(" m ", "max_tokens", false, "{\"model\":\" m \",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}")]
    [InlineData("o3", "max_completion_tokens", true, "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_completion_tokens\":1}")]
    public void OneTokenChat_NamedOrDefaultModel_OneToken(string? model, string field, bool trim, string expected)
    {
        Assert.Equal(expected, ProbeRequests.OneTokenChat(model, "d", field, trim).ToJsonString());
    }
}

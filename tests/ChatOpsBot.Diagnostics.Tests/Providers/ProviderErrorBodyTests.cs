using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

public class ProviderErrorBodyTests
{
    [Fact]
    public void Parse_OpenAIError_ReadsMessageTypeAndCode()
    {
        var body = ProviderErrorBody.Parse("""{"error":{"message":"m","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

        Assert.True(body.HasError);
        Assert.Equal("m", body.Message);
        Assert.Equal("invalid_request_error", body.Type);
        Assert.Equal("invalid_api_key", body.Code);
    }

    [Fact]
    public void Parse_AnthropicError_ReadsTypeAndRequestId()
    {
        var body = ProviderErrorBody.Parse("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}""");

        Assert.Equal("overloaded_error", body.Type);
        Assert.Equal("req_1", body.RequestId);
    }

    [Fact]
    public void Parse_GoogleError_ReadsReasonRetryDelayAndViolations()
    {
        var body = ProviderErrorBody.Parse("""
            {"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"q","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"33s"},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}}
            """);

        Assert.Equal("429", body.Code);
        Assert.Equal("RESOURCE_EXHAUSTED", body.Status);
        Assert.Equal("33s", body.RetryDelay);
        Assert.Equal("RATE_LIMIT_EXCEEDED", body.Reason);
        var violation = Assert.Single(body.QuotaViolations);
        Assert.True(violation.IsPerMinute);
        Assert.True(violation.IsFreeTier);
    }

    [Fact]
    public void Parse_ModelList_CountsModels()
    {
        Assert.Equal(2, ProviderErrorBody.Parse("""{"object":"list","data":[{},{}]}""").ModelCount);
        Assert.Equal(1, ProviderErrorBody.Parse("""{"models":[{"name":"models/x"}]}""").ModelCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":")]
    public void Parse_NotAJsonObject_ReturnsEmpty(string text)
    {
        var body = ProviderErrorBody.Parse(text);

        Assert.False(body.IsJson);
        Assert.False(body.HasError);
    }

    [Fact]
    public void Parse_ArrayEnvelope_ReadsTheFirstError()
    {
        var body = ProviderErrorBody.Parse("""[{"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND"}}]""");

        Assert.True(body.IsJson);
        Assert.True(body.HasError);
        Assert.True(body.WasArray);
        Assert.Equal("NOT_FOUND", body.Status);
        Assert.Equal("404", body.Code);
        Assert.Equal("models/x is not found", body.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1,2]")]
    [InlineData("[{\"data\":[]}]")]
    [InlineData("[[{\"error\":{\"message\":\"m\"}}]]")]
    public void Parse_ArrayWithoutAnErrorFirst_ReturnsEmpty(string text)
    {
        var body = ProviderErrorBody.Parse(text);

        Assert.False(body.HasError);
        Assert.Null(body.Message);
    }

    [Fact]
    public void Parse_PlainText_KeepsItAsTheMessage()
    {
        var body = ProviderErrorBody.Parse("upstream connect error or disconnect/reset before headers. reset reason: overflow\n");

        Assert.False(body.IsJson);
        Assert.False(body.HasError);
        Assert.True(body.IsPlainText);
        Assert.Equal("upstream connect error or disconnect/reset before headers. reset reason: overflow", body.Message);
        Assert.True(body.MessageContains("reset reason"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("<html><body>x</body></html>")]
    [InlineData("\u0000\u0001\u0002binary\uFFFD")]
    public void Parse_NotText_HasNoMessage(string text)
    {
        var body = ProviderErrorBody.Parse(text);

        Assert.False(body.IsPlainText);
        Assert.Null(body.Message);
    }

    [Fact]
    public void Parse_PlainText_IsBounded()
    {
        var body = ProviderErrorBody.Parse(new string('a', 10_000));

        Assert.True(body.Message!.Length <= 300);
    }

    [Fact]
    public void Parse_ErrorWhoseMessageIsAJsonError_ReadsTheInnerOne()
    {
        var inner = """{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}""";
        var outer = $$$"""{"error":{"message":{{{System.Text.Json.JsonSerializer.Serialize("429 Too Many Requests: " + inner)}}},"type":"upstream_error","code":"429"}}""";

        var body = ProviderErrorBody.Parse(outer);

        Assert.True(body.WasNested);
        Assert.Equal("Resource has been exhausted", body.Message);
        Assert.Equal("RESOURCE_EXHAUSTED", body.Status);
        Assert.Equal("upstream_error", body.Type);
        Assert.Equal("429", body.Code);
    }

    [Fact]
    public void Parse_ErrorStringHoldingAJsonError_ReadsTheInnerOne()
    {
        var body = ProviderErrorBody.Parse("""{"error":"{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}"}""");

        Assert.True(body.WasNested);
        Assert.Equal("Incorrect API key provided", body.Message);
        Assert.Equal("invalid_api_key", body.Code);
    }

    [Fact]
    public void Parse_MessageWithBracesButNoError_StaysAsItIs()
    {
        var body = ProviderErrorBody.Parse("""{"error":{"message":"Invalid schema: {\"type\": \"object\"} is not allowed","type":"invalid_request_error"}}""");

        Assert.False(body.WasNested);
        Assert.StartsWith("Invalid schema", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedErrors_StopsAtTheLimit()
    {
        var text = """{"error":{"message":"deepest"}}""";
        for (var i = 0; i < 6; i++)
        {
            text = $$$"""{"error":{"message":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}""";
        }

        var body = ProviderErrorBody.Parse(text);

        Assert.True(body.HasError);
        Assert.NotEqual("deepest", body.Message);
    }

    [Fact]
    public void Parse_GoogleErrorInfo_ReadsItsMetadata()
    {
        var body = ProviderErrorBody.Parse("""
            {"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","metadata":{"quota_limit_value":"0","quota_location":"us-west4","n":1}}]}}
            """);

        Assert.Equal("0", body.Metadata["quota_limit_value"]);
        Assert.Equal("us-west4", body.Metadata["quota_location"]);
        Assert.Equal("1", body.Metadata["n"]);
    }
}

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
}

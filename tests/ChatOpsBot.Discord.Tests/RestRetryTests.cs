using System.Net;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Testing.Time;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Tests;

/// <summary>The REST client's retry of 502/503/504 (a Polly pipeline on the injected clock): not for a POST, 1 s then 2 s.</summary>
public sealed class RestRetryTests
{
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_ServerErrors_RetriedAfterOneThenTwoSeconds_OnFakeTime()
    {
        var h = new Harness(HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NoContent);

        var deleting = h.Rest.DeleteMessageAsync(1, 2, cancellationToken: Ct);
        await h.Time.WaitForParkAsync(1, deleting, AtMost, "the first attempt's timeout"); // the request's timeout, then the retry's delay
        Assert.Equal(1, h.Handler.Calls);
        h.Time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Equal(1, h.Handler.Calls);
        h.Time.Advance(TimeSpan.FromTicks(1));
        await h.Time.WaitForParkAsync(3, deleting, AtMost, "the retry's delay");
        Assert.Equal(2, h.Handler.Calls);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await deleting.WaitAsync(AtMost, Ct);

        Assert.Equal(3, h.Handler.Calls);
        Assert.Equal(0, h.Rest.RequestsInFlight);
        var retries = h.Logs.GetSnapshot().Where(r => r.Is<DiscordRestClient>(4)).ToList();
        Assert.Equal(["502", "503"], retries.Select(r => r.Value("Status")));
        Assert.Equal(["1", "2"], retries.Select(r => r.Value("WaitSeconds")));
    }

    [Fact]
    public async Task Delete_ThreeServerErrors_TheThirdSurfaces()
    {
        var h = new Harness(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout);

        var deleting = h.Rest.DeleteMessageAsync(1, 2, cancellationToken: Ct);
        await h.Time.WaitForParkAsync(1, deleting, AtMost, "the first attempt's timeout");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Time.WaitForParkAsync(3, deleting, AtMost, "the retry's delay");
        h.Time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => deleting.WaitAsync(AtMost, Ct));

        Assert.Equal(504, error.Status);
        Assert.Equal(3, h.Handler.Calls);
    }

    [Fact]
    public async Task Post_ServerError_NotRetried()
    {
        var h = new Harness(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(1, DiscordMessageBody.Text("once"), Ct).WaitAsync(AtMost, Ct));

        Assert.Equal(503, error.Status);
        Assert.Equal(1, h.Handler.Calls);
    }

    private sealed class Harness
    {
        public Harness(params HttpStatusCode[] answers)
        {
            Handler = new ScriptedHandler(answers);
            var options = Options.Create(new DiscordOptions { Token = "MTA.test.token", ApiBaseUrl = new Uri("http://discord.invalid/api/v10") });
            var logger = new FakeLogger<DiscordRestClient>(Logs);
            Rest = new DiscordRestClient(new Factory(Handler), options, Time, new SecretScrubber(), logger);
        }

        public ParkingTimeProvider Time { get; } = new(DiscordHarness.Start);

        public FakeLogCollector Logs { get; } = new();

        public ScriptedHandler Handler { get; }

        public DiscordRestClient Rest { get; }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>Answers each request with the next status (an empty body), then 500.</summary>
    private sealed class ScriptedHandler(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            var status = call <= answers.Length ? answers[call - 1] : HttpStatusCode.InternalServerError;
            var body = status == HttpStatusCode.OK ? """{"id":"1","channel_id":"1","content":"once","author":{"id":"2","username":"bot"}}""" : "";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body), RequestMessage = request });
        }
    }
}

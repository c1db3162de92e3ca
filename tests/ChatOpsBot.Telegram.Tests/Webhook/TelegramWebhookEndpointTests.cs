using System.Net;
using System.Text;
using ChatOpsBot.Telegram.Tests.Fakes;
using ChatOpsBot.Telegram.Updates;
using ChatOpsBot.Telegram.Webhook;
using ChatOpsBot.Testing.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Telegram.Tests.Webhook;

public sealed class TelegramWebhookEndpointTests
{
    private const string Secret = "s3cret_Token-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_SetAtStartWithSecretAndAllowedUpdates_UpdatesDeliveredOnlyWithTheSecret()
    {
        await using var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        var (app, endpoint) = await StartAppAsync(server);
        await using var appLifetime = app;
        await server.WaitForCallAsync("setWebhook", c => c.Status == 200);
        var first = server.EnqueuePrivateMessage(42, "/start");
        using var http = new HttpClient();

        var wrong = await server.DeliverToWebhookAsync(http, endpoint, secretOverride: "wrong-secret", cancellationToken: Ct);
        var missing = await PostAsync(http, endpoint, "{\"update_id\":1}", secret: null);
        var garbage = await PostAsync(http, endpoint, "not json", Secret);
        var handler = app.Services.GetRequiredService<RecordingUpdateHandler>();
        Assert.Empty(handler.HandledIds);
        var right = await server.DeliverToWebhookAsync(http, endpoint, cancellationToken: Ct);

        Assert.Equal([403], wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.OK, garbage); // dropped: Telegram would only send it again, holding up the rest
        Assert.Equal([200], right);
        Assert.Equal([first], handler.HandledIds);
        Assert.Empty(server.PendingUpdateIds);
        var set = Assert.Single(server.CallsOf("setWebhook"));
        Assert.Equal("https://bot.example.com/hooks/telegram", set.Text("url"));
        Assert.Equal(Secret, set.Text("secret_token"));
        Assert.Equal(["message", "edited_message", "callback_query", "my_chat_member"], set.Parameters["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(server.CallsOf("getUpdates"));
    }

    [Fact]
    public async Task Webhook_HandlerThrows_Answered200SoTelegramDoesNotRepeatIt()
    {
        await using var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        var (app, endpoint) = await StartAppAsync(server);
        await using var appLifetime = app;
        var update = server.EnqueuePrivateMessage(42, "boom");
        app.Services.GetRequiredService<RecordingUpdateHandler>().ThrowOn.Add(update);
        using var http = new HttpClient();

        var statuses = await server.DeliverToWebhookAsync(http, endpoint, secretOverride: Secret, cancellationToken: Ct);

        Assert.Equal([200], statuses);
    }

    [Fact]
    public async Task Webhook_UnreadableOrOversizedBody_WithTheSecret_IsDropped_Answered200()
    {
        await using var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        var (app, endpoint) = await StartAppAsync(server);
        await using var appLifetime = app;
        using var http = new HttpClient();
        var huge = "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1790000000,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\""
            + new string('x', TelegramWebhookEndpoint.MaxBodyBytes) + "\"}}";

        var statuses = new[]
        {
            await PostAsync(http, endpoint, "{\"update_id\":\"seven\"}", Secret),
            await PostAsync(http, endpoint, "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":99999999999999,\"chat\":{\"id\":1,\"type\":\"private\"}}}", Secret),
            await PostAsync(http, endpoint, "null", Secret),
            await PostAsync(http, endpoint, huge, Secret),
            await PostAsync(http, endpoint, huge, Secret, chunked: true),
        };

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Empty(app.Services.GetRequiredService<RecordingUpdateHandler>().HandledIds);
    }

    [Theory]
    [InlineData(Secret, true)]
    [InlineData("s3cret_Token-2", false)]
    [InlineData("s3cret_Token-1 ", false)]
    [InlineData("", false)]
    public void SecretMatches_ExactOnly(string given, bool expected) =>
        Assert.Equal(expected, TelegramWebhookEndpoint.SecretMatches(given, Secret));

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri endpoint, string body, string? secret, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TransferEncodingChunked = chunked ? true : null; // no Content-Length: the size limit must cut it off
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, secret);
        }

        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task<(WebApplication App, Uri Endpoint)> StartAppAsync(FakeTelegramServer server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.com/hooks/telegram",
            ["Telegram:WebhookSecretToken"] = Secret,
            ["Telegram:WebhookPath"] = "/hooks/telegram",
        });
        builder.Services.AddTelegram();
        builder.Services.AddSingleton<RecordingUpdateHandler>();
        builder.Services.AddSingleton<ITelegramUpdateHandler>(sp => sp.GetRequiredService<RecordingUpdateHandler>());
        var app = builder.Build();
        app.MapTelegramWebhook();
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address + "/hooks/telegram"));
    }
}

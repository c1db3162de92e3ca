using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Http.Metrics;
using ChatOpsBot.Telegram;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the worker's one listener (<see cref="WorkerHttpServer"/>, section <c>Http</c>), which from now on
    /// also serves the Telegram webhook (Telegram's own listener is told to stay off), and the 429 counters on the
    /// Discord and Telegram HTTP clients. Call before the chat adapters are registered (it replaces Telegram's listener, which they add with TryAdd, and must listen before Telegram sets its webhook).
    /// </summary>
    public static IServiceCollection AddWorkerHttp(this IServiceCollection services)
    {
        // One string: read directly, so no reflection-based binder is involved (trim- and AOT-safe as it stands).
        services.AddOptions<HttpOptions>().Configure<IConfiguration>((o, c) => o.Urls = c[HttpOptions.SectionName + ":" + nameof(HttpOptions.Urls)]);
        services.AddSingleton(sp => new TelegramWebhookServer(sp, sp.GetRequiredService<IOptions<TelegramOptions>>(), sp.GetRequiredService<ILogger<TelegramWebhookServer>>())
        {
            ServedElsewhere = true,
        });
        services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => new RateLimitCountingHandler("discord"));
        services.AddHttpClient(TelegramClientFactory.HttpClientName).AddHttpMessageHandler(() => new RateLimitCountingHandler("telegram"));
        services.AddSingleton<WorkerHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerHttpServer>());
        return services;
    }
}

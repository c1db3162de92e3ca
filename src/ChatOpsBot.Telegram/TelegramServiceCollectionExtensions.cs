using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Hosting;
using ChatOpsBot.Telegram.Polling;
using ChatOpsBot.Telegram.Updates;
using ChatOpsBot.Telegram.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Telegram transport: options (section <c>Telegram</c>, validated at start), the HttpClient with
    /// its loggers removed (the token is in the URL path), <see cref="ITelegramBot"/>, the poller, the dispatcher and
    /// the hosted service. The adapter registers its <see cref="ITelegramUpdateHandler"/> (and optionally
    /// <see cref="ITelegramChatMigrationListener"/>s). The offset is kept in <c>telegram-offset</c> in the same data
    /// directory as the monitor's store (<see cref="StorageOptions.ResolvedDirectory"/>: <c>Storage:DataDirectory</c>,
    /// default <c>data/</c>), and, when replicas share the store (PostgreSQL), in the store as well
    /// (<see cref="SharedUpdateOffsetStore"/>); replace <see cref="IUpdateOffsetStore"/> to choose another.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<TelegramOptions, TelegramOptionsValidator>()
                .BindConfiguration(TelegramOptions.SectionName);
        services.AddHttpClient(TelegramClientFactory.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretScrubber>(); // the one scrubber, shared with logging and replies
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton<IUpdateOffsetStore>(sp =>
        {
            var file = new FileUpdateOffsetStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDirectory, sp.GetService<ILogger<FileUpdateOffsetStore>>());
            return sp.GetService<IMonitorStore>() is { IsShared: true } shared
                ? new SharedUpdateOffsetStore(shared, file, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SharedUpdateOffsetStore>>())
                : file;
        });
        services.TryAddSingleton<TelegramClientFactory>();
        services.TryAddSingleton<TelegramChatMigrations>();
        services.TryAddSingleton<TelegramBot>();
        services.TryAddSingleton<ITelegramBot>(sp => sp.GetRequiredService<TelegramBot>());
        services.TryAddSingleton<TelegramUpdateDispatcher>();
        services.TryAddSingleton<TelegramUpdateLanes>();
        services.TryAddSingleton<TelegramPoller>();
        services.TryAddSingleton<TelegramWebhookServer>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramWebhookServer>()); // listening before setWebhook
        services.AddHostedService<TelegramHostedService>();
        return services;
    }
}

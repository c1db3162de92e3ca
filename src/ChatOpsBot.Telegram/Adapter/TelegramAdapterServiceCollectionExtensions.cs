using ChatOpsBot.Telegram.Alerts;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Telegram.Adapter;

public static class TelegramAdapterServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram bot: the transport (<see cref="TelegramServiceCollectionExtensions.AddTelegram"/>) plus the
    /// conversation glue as its update handler and migration listener. Needs <c>AddDiagnostics()</c> and
    /// <c>AddConversation()</c>. Without <c>Telegram:Token</c> it stays off. Also registers the <c>telegram:</c> alert
    /// destination (<see cref="Alerts.TelegramAlertServiceCollectionExtensions.AddTelegramAlertDestination"/>).
    /// </summary>
    public static IServiceCollection AddTelegramAdapter(this IServiceCollection services)
    {
        services.AddTelegram();
        services.AddTelegramAlertDestination();
        services.TryAddSingleton<TelegramConversationAdapter>();
        services.TryAddSingleton<ITelegramUpdateHandler>(sp => sp.GetRequiredService<TelegramConversationAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITelegramChatMigrationListener, TelegramConversationAdapter>(sp => sp.GetRequiredService<TelegramConversationAdapter>()));
        return services;
    }
}

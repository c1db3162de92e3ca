using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Telegram.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Telegram.Alerts;

public static class TelegramAlertServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Telegram transport (<see cref="TelegramServiceCollectionExtensions.AddTelegram"/>, unless already there)
    /// and the <c>telegram:&lt;chat id&gt;</c> <see cref="IAlertDestination"/>. It uses only the Bot API: polling need not run.
    /// </summary>
    public static IServiceCollection AddTelegramAlertDestination(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(ITelegramBot)))
        {
            services.AddTelegram();
        }

        services.TryAddSingleton<TelegramAlertDestination>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertDestination, TelegramAlertDestination>(sp => sp.GetRequiredService<TelegramAlertDestination>()));
        return services;
    }
}

using ChatOpsBot.Core.Monitor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Discord.Alerts;

public static class DiscordAlertServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord client (<see cref="DiscordServiceCollectionExtensions.AddDiscordClient"/>, idempotent) and two
    /// <see cref="IAlertDestination"/>s: <c>discord:&lt;channel id&gt;</c> (the bot posts; needs <c>Discord:Token</c>) and
    /// <c>discord-webhook:&lt;url&gt;</c> (no token needed). Both use only REST: the gateway need not run.
    /// </summary>
    public static IServiceCollection AddDiscordAlertDestinations(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(Rest.DiscordRestClient)))
        {
            services.AddDiscordClient();
        }

        services.TryAddSingleton<DiscordChannelAlertDestination>();
        services.TryAddSingleton<DiscordWebhookAlertDestination>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertDestination, DiscordChannelAlertDestination>(sp => sp.GetRequiredService<DiscordChannelAlertDestination>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertDestination, DiscordWebhookAlertDestination>(sp => sp.GetRequiredService<DiscordWebhookAlertDestination>()));
        return services;
    }
}

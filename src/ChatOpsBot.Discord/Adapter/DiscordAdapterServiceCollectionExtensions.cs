using ChatOpsBot.Discord.Alerts;
using ChatOpsBot.Discord.Midjourney;
using ChatOpsBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Discord.Adapter;

public static class DiscordAdapterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord client (<see cref="DiscordServiceCollectionExtensions.AddDiscordClient"/>) and the hosted
    /// <see cref="DiscordAdapterService"/>. Needs the conversation layer (<c>AddConversation</c>) and the engine.
    /// Without <c>Discord:Token</c> both say so once at start and stay off. Also registers the <c>discord:</c> and
    /// <c>discord-webhook:</c> alert destinations (<see cref="Alerts.DiscordAlertServiceCollectionExtensions.AddDiscordAlertDestinations"/>).
    /// </summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services)
    {
        services.AddDiscordClient();
        services.AddDiscordAlertDestinations();
        services.AddHostedService<DiscordAdapterService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMidjourneyCheck, DiscordMidjourneyCheck>());
        return services;
    }
}

using System.Net;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordOptions"/> (section "Discord", validated at start), <see cref="DiscordRestClient"/>,
    /// <see cref="IDiscordGateway"/> and the hosted <see cref="DiscordGatewayService"/> that runs it when a token is set.
    /// </summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretScrubber>();
        services.AddOptionsWithValidateOnStart<DiscordOptions, DiscordOptionsValidator>().BindConfiguration(DiscordOptions.SectionName);

        services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // DiscordOptions.RestTimeout governs, on the TimeProvider
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // one handler and its connection pool for the process: a burst reuses warm connections (PooledConnectionLifetime still refreshes DNS)
            .RemoveAllLoggers(); // interaction and webhook tokens travel in paths; DiscordRestClient logs routes with them replaced

        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<DiscordGatewayClient>();
        services.TryAddSingleton<IDiscordGateway>(sp => sp.GetRequiredService<DiscordGatewayClient>());
        services.AddHostedService<DiscordGatewayService>();
        return services;
    }
}

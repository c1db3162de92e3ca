using ChatOpsBot.Diagnostics.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Revocation;

public static class RevocationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KeyRevocationService"/>, the revokers and their HTTP client (through the same proxy as the
    /// probes, no redirects, no logging of requests). Nothing is created or read until a leaked key is revoked.
    /// </summary>
    public static IServiceCollection AddKeyRevocation(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RevocationOptions>().BindConfiguration(RevocationOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRevoker, OpenAIKeyRevoker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRevoker, AnthropicKeyRevoker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRevoker, XAIKeyRevoker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRevoker, OpenRouterKeyRevoker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRevoker, GeminiKeyRevoker>());
        services.TryAddSingleton<KeyRevocationService>();
        services.AddHttpClient(AdminApi.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // Revocation:Timeout governs, on the injected clock
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ChatOpsBot/1.0 (revocation)");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new System.Net.Http.SocketsHttpHandler
            {
                Proxy = sp.GetRequiredService<ProxyRoute>(),
                UseProxy = true,
                AllowAutoRedirect = false, // an admin key never follows a redirect
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();
        return services;
    }
}

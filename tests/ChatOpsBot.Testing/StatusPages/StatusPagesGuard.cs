using ChatOpsBot.Diagnostics.StatusPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Testing.StatusPages;

/// <summary>
/// Keeps tests off the real status pages: every page not pointed at loopback is turned off, and the status client
/// refuses, at once, any request that is not to loopback (a test that would reach the internet fails fast instead).
/// </summary>
public static class StatusPagesGuard
{
    public static IServiceCollection AddStatusPagesGuard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.PostConfigure<StatusPageOptions>(options =>
        {
            foreach (var page in StatusPageCatalog.Known)
            {
                if (options.RootOf(page) is { IsLoopback: false })
                {
                    options.TurnOff(page.Name);
                }
            }
        });
        services.AddHttpClient(StatusPageReader.HttpClientName).AddHttpMessageHandler(() => new LoopbackOnlyHandler());
        return services;
    }

    private sealed class LoopbackOnlyHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { IsLoopback: true }
                ? base.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"A test tried to reach a real status page ({request.RequestUri?.Host}): point StatusPages at a fake or none.");
    }
}

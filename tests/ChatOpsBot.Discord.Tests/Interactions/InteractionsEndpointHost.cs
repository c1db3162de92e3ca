using ChatOpsBot.Discord.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Tests.Interactions;

/// <summary>The interactions endpoint mapped on a Kestrel of its own on 127.0.0.1 (port 0), served from a harness's container.</summary>
internal sealed class InteractionsEndpointHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InteractionsEndpointHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<InteractionsEndpointHost> StartAsync(IServiceProvider services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapDiscordInteractions(services);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InteractionsEndpointHost(app, new Uri(new Uri(address), DiscordInteractionsEndpoint.Path));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

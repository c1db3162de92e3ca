using ChatOpsBot.Telegram.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Telegram.Webhook;

/// <summary>
/// In webhook mode, serves <see cref="TelegramWebhookEndpoint"/> from the worker itself: a small Kestrel app on
/// <see cref="TelegramOptions.WebhookListenUrl"/> that shares the worker's dispatcher, options and logging. In polling
/// mode, or without a token, it does nothing.
/// </summary>
public sealed partial class TelegramWebhookServer(
    IServiceProvider services,
    IOptions<TelegramOptions> options,
    ILogger<TelegramWebhookServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>
    /// True when another listener serves the webhook (the worker's one listener, <c>Http:Urls</c>, maps
    /// <see cref="TelegramWebhookEndpoint.MapTelegramWebhook"/> itself): then this starts nothing.
    /// </summary>
    public bool ServedElsewhere { get; set; }

    /// <summary>Where it listens (with the real port when configured with port 0), once started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (!value.IsConfigured || value.Mode != TelegramMode.Webhook || ServedElsewhere)
        {
            return;
        }

        // Production whatever ASPNETCORE_ENVIRONMENT says: in Development, ASP.NET Core answers an unhandled exception
        // with its developer exception page, which echoes the request's headers (the secret token among them).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(value.WebhookListenUrl);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services.GetRequiredService<TelegramUpdateLanes>());
        builder.Services.AddSingleton(services.GetRequiredService<TimeProvider>());
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        _app = builder.Build();
        _app.MapTelegramWebhook(value.WebhookPath);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address);
        Log.Listening(logger, address ?? value.WebhookListenUrl, value.WebhookPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Telegram webhook: listening on {Address}{Path}.")]
        public static partial void Listening(ILogger logger, string address, string path);
    }
}

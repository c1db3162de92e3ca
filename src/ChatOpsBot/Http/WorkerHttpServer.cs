using System.Text;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Discord;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Http.Metrics;
using ChatOpsBot.Telegram;
using ChatOpsBot.Telegram.Updates;
using ChatOpsBot.Telegram.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Http;

/// <summary>
/// The worker's one HTTP listener (ASP.NET Core's slim builder on Kestrel), on <c>Http:Urls</c>: <c>/healthz</c>,
/// <c>/readyz</c>, <c>/metrics</c>, <c>POST /discord/interactions</c> when <c>Discord:PublicKey</c> is set, and the
/// Telegram webhook in webhook mode. Without <c>Http:Urls</c> nothing is built or listened on, except in Telegram
/// webhook mode, where the deprecated <c>Telegram:WebhookListenUrl</c> still gives the address (with a warning).
/// </summary>
public sealed partial class WorkerHttpServer(
    IServiceProvider services,
    IOptions<HttpOptions> options,
    ILogger<WorkerHttpServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;
    private PrometheusCollector? _collector;
    private HostMetrics? _metrics;

    /// <summary>The listener's own environment name once started (always Production).</summary>
    internal string? ListenerEnvironment => _app?.Environment.EnvironmentName;

    /// <summary>The first address it listens on (with the real port when configured with port 0), once started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var telegram = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var telegramWebhook = telegram.IsConfigured && telegram.Mode == TelegramMode.Webhook;
        var urls = options.Value.Urls;
        if (string.IsNullOrWhiteSpace(urls) && telegramWebhook)
        {
            urls = telegram.WebhookListenUrl;
            Log.DeprecatedAlias(logger, urls);
        }

        if (string.IsNullOrWhiteSpace(urls))
        {
            return; // off: nothing built, nothing loaded
        }

        await StartListenerAsync(urls, telegramWebhook ? telegram : null, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartListenerAsync(string urls, TelegramOptions? telegramWebhook, CancellationToken cancellationToken)
    {
        var discord = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        // Production whatever ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT says: in Development, ASP.NET Core answers an
        // unhandled exception with its developer exception page (stack trace, query string and request headers, so
        // the Telegram webhook's secret token), on a listener that faces the internet.
        // https://learn.microsoft.com/aspnet/core/fundamentals/error-handling-api#developer-exception-page
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        builder.Services.AddSingleton(services.GetRequiredService<TimeProvider>());
        if (telegramWebhook is not null)
        {
            builder.Services.AddSingleton(services.GetRequiredService<IOptions<TelegramOptions>>());
            builder.Services.AddSingleton(services.GetRequiredService<TelegramUpdateLanes>());
        }

        _metrics = new HostMetrics(
            discord.IsConfigured && discord.UseGateway ? services.GetRequiredService<IDiscordGateway>() : null,
            services.GetService<LeaseHeldWork>() is { IsShared: true } leases ? leases : null);
        _collector = new PrometheusCollector(_metrics.Meter);
        _app = builder.Build();
        MapHealth(_app);
        if (discord.HttpInteractions)
        {
            _app.MapDiscordInteractions(services);
        }

        if (telegramWebhook is not null)
        {
            _app.MapTelegramWebhook(telegramWebhook.WebhookPath);
        }

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Address = addresses.Count > 0 ? new Uri(addresses.First()) : null;
        Log.Listening(logger, string.Join(", ", addresses), discord.HttpInteractions ? "on" : "off", telegramWebhook?.WebhookPath ?? "off");
    }

    private void MapHealth(IEndpointRouteBuilder app)
    {
        var readiness = new ReadinessCheck(services, services.GetRequiredService<TimeProvider>());
        app.MapGet("/healthz", (RequestDelegate)(http => TextAsync(http, StatusCodes.Status200OK, "ok\n", "text/plain; charset=utf-8")));
        app.MapGet("/readyz", (RequestDelegate)(async http =>
        {
            var (ready, lines) = await readiness.CheckAsync(http.RequestAborted).ConfigureAwait(false);
            var text = (ready ? "ready\n" : "not ready\n") + string.Concat(lines.Select(l => l + "\n"));
            await TextAsync(http, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, text, "text/plain; charset=utf-8").ConfigureAwait(false);
        }));
        app.MapGet("/metrics", (RequestDelegate)(async http =>
        {
            _metrics!.SetOldestAlertAge(await OldestAlertAgeAsync(http.RequestAborted).ConfigureAwait(false));
            await TextAsync(http, StatusCodes.Status200OK, _collector!.Scrape(), PrometheusCollector.ContentType).ConfigureAwait(false);
        }));
    }

    /// <summary>The oldest undelivered alert's age; null when the monitor has no targets (no store) or the store does not answer.</summary>
    private async Task<TimeSpan?> OldestAlertAgeAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IOptions<MonitorOptions>>().Value.Targets.Count == 0)
        {
            return null;
        }

        var time = services.GetRequiredService<TimeProvider>();
        try
        {
            var oldest = await services.GetRequiredService<IMonitorStore>().OldestUndeliveredAsync(cancellationToken).ConfigureAwait(false);
            return oldest is { } queued ? time.GetUtcNow() - queued : TimeSpan.Zero;
        }
        catch (MonitorStoreException)
        {
            return null; // /readyz says why
        }
    }

    private static Task TextAsync(HttpContext http, int status, string text, string contentType)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(text, Encoding.UTF8, http.RequestAborted);
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

        _collector?.Dispose();
        _metrics?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "HTTP listener on {Addresses}: /healthz, /readyz, /metrics; Discord interactions {Discord}; Telegram webhook {Telegram}.")]
        public static partial void Listening(ILogger logger, string addresses, string discord, string telegram);

        [LoggerMessage(2, LogLevel.Warning, "Telegram webhook mode without Http:Urls: listening on {Url} from Telegram:WebhookListenUrl, which is deprecated. Set Http:Urls instead (the same listener then also serves /healthz, /readyz and /metrics).")]
        public static partial void DeprecatedAlias(ILogger logger, string url);
    }
}

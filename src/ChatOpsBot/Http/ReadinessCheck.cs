using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Discord;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Telegram;
using ChatOpsBot.Telegram.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Http;

/// <summary>
/// What <c>/readyz</c> answers: the store answers (when the monitor uses it, or when it is shared by replicas: chat
/// results and check limits are kept there even without targets), and each enabled platform is connected
/// (Discord's gateway READY, unless it runs on HTTP interactions only; Telegram started: token accepted, webhook set
/// or polling begun). With several replicas on a shared store, one holding the gateway or Telegram polling by lease,
/// the others say "standby" for it and are ready: they answer HTTP interactions and run the monitor. One line per
/// part, fixed words only: no host, path, id or error text.
/// </summary>
internal sealed class ReadinessCheck(IServiceProvider services, TimeProvider time)
{
    /// <summary>How long the store may take to answer before it counts as unreachable.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(2);

    public async Task<(bool Ready, IReadOnlyList<string> Lines)> CheckAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var ready = true;

        var store = services.GetRequiredService<IMonitorStore>();
        if (services.GetRequiredService<IOptions<MonitorOptions>>().Value.Targets.Count == 0 && !store.IsShared)
        {
            lines.Add("store: not used (no Monitor:Targets)");
        }
        else
        {
            using var timeout = new CancellationTokenSource(StoreTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            bool reachable;
            try
            {
                await store.PingAsync(linked.Token).ConfigureAwait(false);
                reachable = true;
            }
            catch (Exception ex) when (ex is MonitorStoreException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                reachable = false;
            }

            ready &= reachable;
            lines.Add(reachable ? "store: ok" : "store: not reachable");
        }

        var discord = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!discord.IsConfigured)
        {
            lines.Add("discord: off");
        }
        else if (!discord.UseGateway)
        {
            lines.Add("discord: ok (HTTP interactions only)");
        }
        else if (Standby(DiscordGatewayService.LeaseKind))
        {
            lines.Add("discord: standby (another replica holds the gateway)"); // it still answers HTTP interactions and runs the monitor
        }
        else
        {
            var state = services.GetRequiredService<IDiscordGateway>().State;
            ready &= state == GatewayState.Ready;
            lines.Add(state == GatewayState.Ready ? "discord: ok" : $"discord: not connected ({state.ToString().ToLowerInvariant()})");
        }

        var telegram = services.GetService<IOptions<TelegramOptions>>()?.Value;
        if (telegram is not { IsConfigured: true })
        {
            lines.Add("telegram: off");
        }
        else
        {
            var started = services.GetServices<IHostedService>().OfType<TelegramHostedService>().FirstOrDefault()?.IsStarted == true;
            ready &= started;
            lines.Add(!started ? "telegram: not started" : Standby(TelegramHostedService.PollingLease) ? "telegram: standby (another replica polls)" : "telegram: ok");
        }

        return (ready, lines);
    }

    /// <summary>True when the store is shared and another replica holds this lease: a standby is ready (it serves the rest).</summary>
    private bool Standby(string leaseKind) => services.GetService<LeaseHeldWork>() is { IsShared: true } leases && leases.IsHeld(leaseKind) == false;
}

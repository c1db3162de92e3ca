using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

public static class MonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the monitor: <c>Monitor</c> and <c>Storage</c> options (validated at start, every bad setting named),
    /// the store (SQLite, or PostgreSQL when <c>Storage:Provider</c> is <c>postgres</c>), the scheduler and the outbox dispatcher (hosted services), and <see cref="IMonitorControl"/>
    /// for chat commands. Needs <c>AddDiagnostics</c> and <c>AddConversation</c> (targets are team keys) and the
    /// chat projects' <see cref="IAlertDestination"/>s. With no <c>Monitor:Targets</c> nothing runs and no file is created.
    /// </summary>
    public static IServiceCollection AddMonitor(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<MonitorOptions>().BindConfiguration(MonitorOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>());
        services.AddOptionsWithValidateOnStart<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // Only the chosen store is ever made: with SQLite no PostgreSQL data source exists, and the other way round.
        services.TryAddSingleton<MonitorStore>();
        services.TryAddSingleton<PostgresMonitorStore>();
        services.TryAddSingleton<IMonitorStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
            ? sp.GetRequiredService<PostgresMonitorStore>()
            : sp.GetRequiredService<MonitorStore>());
        services.TryAddSingleton<LeaseHeldWork>(); // the gateway and Telegram polling run under it when the store is shared
        services.TryAddSingleton<MonitorCatalog>();
        services.TryAddSingleton<TargetChecker>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<MonitorCoordinator>();
        services.TryAddSingleton<MonitorControl>();
        services.TryAddSingleton<Revocation.ITeamNotices, OutboxTeamNotices>(); // a revoked team key: its alert destinations are told
        services.TryAddSingleton<IMonitorControl>(sp => sp.GetRequiredService<MonitorControl>());
        services.AddHostedService<MonitorScheduler>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>The logging safety net: formatted messages, state values and exception text pass through the scrubber.</summary>
public static class SecretScrubbingLoggingBuilderExtensions
{
    /// <summary>
    /// Makes every <see cref="ILogger"/> from the container scrub secrets (the registered ones and anything shaped like
    /// a key) before any provider writes. Uses the <see cref="SecretScrubber"/> registered in the container (registered here
    /// if it is not yet): the same instance the app's replies and registrations use.
    /// </summary>
    public static ILoggingBuilder AddSecretScrubbing(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SecretScrubber>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new ScrubbingLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<SecretScrubber>())));
        return builder;
    }
}

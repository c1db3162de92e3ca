using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// Wraps the host's <see cref="ILoggerFactory"/> so every logger scrubs secrets, whatever providers are added. Used
/// by <see cref="SecretScrubbingLoggingBuilderExtensions.AddSecretScrubbing"/>: decorating at the factory keeps the
/// providers' own types, so per-provider filters ("Logging:Console:LogLevel") still apply.
/// </summary>
public sealed class ScrubbingLoggerFactory(ILoggerFactory inner, SecretScrubber scrubber) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new ScrubbingLogger(inner.CreateLogger(categoryName), scrubber);

    public void Dispose() => inner.Dispose();
}

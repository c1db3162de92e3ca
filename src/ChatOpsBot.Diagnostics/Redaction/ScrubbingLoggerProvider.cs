using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>An <see cref="ILoggerProvider"/> decorator whose loggers scrub secrets before the inner provider writes.</summary>
public sealed class ScrubbingLoggerProvider(ILoggerProvider inner, SecretScrubber scrubber) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new ScrubbingLogger(inner.CreateLogger(categoryName), scrubber);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();
}

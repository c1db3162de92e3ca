using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// An <see cref="ILogger"/> decorator: the formatted message, string-valued state and the exception's text pass
/// through the <see cref="SecretScrubber"/> before the inner logger sees them.
/// </summary>
public sealed class ScrubbingLogger(ILogger inner, SecretScrubber scrubber) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => state switch
        {
            string text => inner.BeginScope(scrubber.Scrub(text)),
            IEnumerable<KeyValuePair<string, object?>> pairs => inner.BeginScope(new ScrubbedLogState(scrubber.Scrub(state.ToString() ?? string.Empty), Scrub(pairs))),
            _ => inner.BeginScope(state),
        };

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = scrubber.Scrub(formatter(state, exception));
        var scrubbedState = new ScrubbedLogState(message, Scrub(state as IEnumerable<KeyValuePair<string, object?>>));
        var scrubbedException = exception is null ? null : ScrubbedException.From(exception, scrubber);
        inner.Log(logLevel, eventId, scrubbedState, scrubbedException, static (s, _) => s.ToString());
    }

    private List<KeyValuePair<string, object?>> Scrub(IEnumerable<KeyValuePair<string, object?>>? pairs)
    {
        var list = new List<KeyValuePair<string, object?>>();
        if (pairs is null)
        {
            return list;
        }

        foreach (var (name, value) in pairs)
        {
            object? clean = value switch
            {
                null => null,
                string s => scrubber.Scrub(s),
                ValueType v => v,
                var other => scrubber.Scrub(other.ToString() ?? string.Empty),
            };
            list.Add(new(name, clean));
        }

        return list;
    }
}

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// Stands in for an exception whose message or stack text held a secret: it carries the scrubbed text of the original
/// (type, message, inner exceptions and stack trace, as <see cref="Exception.ToString"/> gives them).
/// </summary>
public sealed class ScrubbedException : Exception
{
    private readonly string _text;

    public ScrubbedException()
        : this(string.Empty, string.Empty, string.Empty)
    {
    }

    public ScrubbedException(string message)
        : this(message, message, string.Empty)
    {
    }

    public ScrubbedException(string message, Exception innerException)
        : base(message, innerException) => _text = message;

    private ScrubbedException(string message, string text, string originalType)
        : base(message)
    {
        _text = text;
        OriginalType = originalType;
    }

    /// <summary>The full name of the exception type this replaces.</summary>
    public string OriginalType { get; } = string.Empty;

    /// <summary>The original when it held no secret, otherwise a scrubbed stand-in.</summary>
    public static Exception From(Exception exception, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(scrubber);
        var text = exception.ToString();
        var clean = scrubber.Scrub(text);
        return string.Equals(text, clean, StringComparison.Ordinal)
            ? exception
            : new ScrubbedException(scrubber.Scrub(exception.Message), clean, exception.GetType().FullName ?? string.Empty);
    }

    /// <inheritdoc />
    public override string ToString() => _text;
}

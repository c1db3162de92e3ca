namespace ChatOpsBot.Cli;

/// <summary>The process's console and environment, as a value tests can replace.</summary>
/// <param name="Out">Standard output: the report.</param>
/// <param name="Error">Standard error: usage errors and logs.</param>
/// <param name="In">Standard input: a key with <c>--key-stdin</c>.</param>
/// <param name="OutputIsTerminal">True when standard output is a terminal (colour allowed).</param>
/// <param name="Environment">Reads an environment variable.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool OutputIsTerminal, Func<string, string?> Environment)
{
    public static CliConsole System => new(
        Console.Out,
        Console.Error,
        Console.In,
        !Console.IsOutputRedirected,
        global::System.Environment.GetEnvironmentVariable);

    /// <summary>
    /// Settings given as environment variables are (<c>Diagnostics__Timeout</c>), read on top of the process's own
    /// environment: tests set them here, since <see cref="Environment"/> cannot be listed.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SettingVariables { get; init; }

    /// <summary>Colour only on a terminal, and never with NO_COLOR set (https://no-color.org) or TERM=dumb.</summary>
    public bool UseColor =>
        OutputIsTerminal
        && string.IsNullOrEmpty(Environment("NO_COLOR"))
        && !string.Equals(Environment("TERM"), "dumb", StringComparison.Ordinal);
}

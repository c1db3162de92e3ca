namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Reads environment variables; a seam so tests never change the process environment.</summary>
public sealed class EnvironmentVariables(Func<string, string?> read)
{
    public static EnvironmentVariables System { get; } = new(Environment.GetEnvironmentVariable);

    public string? Get(string name) => read(name);
}

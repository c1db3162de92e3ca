namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Settings of section <c>Diagnostics</c>.</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>The deadline of a whole diagnosis when the caller gives none (00:00:01 to 00:10:00).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one HTTP attempt may take before it counts as timed out (and is retried once); 00:00:00.100 to 00:10:00.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The pause before the one retry of a transient failure (jittered); 00:00:00 to 00:00:30.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}

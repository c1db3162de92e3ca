namespace ChatOpsBot.Core.Replies;

/// <summary>One provider's result: verdict, evidence, checks and next steps.</summary>
public sealed record VerdictCard
{
    public required ReplyProvider Provider { get; init; }

    public required ReplyVerdict Verdict { get; init; }

    /// <summary>The key's shown form, or null.</summary>
    public string? KeyShown { get; init; }

    /// <summary>The team key's name when one was used.</summary>
    public string? KeyName { get; init; }

    /// <summary>What was seen, a sentence or two (provider messages already scrubbed).</summary>
    public string Detail { get; init; } = "";

    public IReadOnlyList<ReplyField> Fields { get; init; } = [];

    public IReadOnlyList<ReplySection> Sections { get; init; } = [];

    public IReadOnlyList<string> NextSteps { get; init; } = [];

    /// <summary>False when the deadline cut the diagnosis short.</summary>
    public bool Complete { get; init; } = true;

    public long ElapsedMs { get; init; }

    /// <summary>The card's heading: "OpenAI — The key was rejected".</summary>
    public string Heading => $"{Provider.DisplayName} — {Verdict.Title}";
}

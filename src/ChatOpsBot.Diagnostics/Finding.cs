using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics;

/// <summary>
/// One thing a stage found. Passing checks are findings too (code <c>ok</c>), so a report reads as a checklist.
/// </summary>
/// <param name="Code">A code of <see cref="VerdictCodes"/>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Stage">The stage that found it.</param>
/// <param name="Title">One short line, e.g. "The key was rejected".</param>
/// <param name="Detail">What exactly was seen, in a sentence or two. Already free of secrets.</param>
/// <param name="NextSteps">What to try, most likely fix first.</param>
/// <param name="Evidence">Facts behind it (status, request id, timings...), snake_case keys.</param>
public sealed record Finding(
    string Code,
    Severity Severity,
    DiagnosticStage Stage,
    string Title,
    string Detail,
    IReadOnlyList<string> NextSteps,
    JsonObject Evidence)
{
    /// <summary>Whether this finding is a failure that can decide a verdict.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>
    /// True when the finding comes from the provider's own explicit answer (an HTTP response), as opposed to a
    /// guess from the key's shape. docs/contract.md: a provider's explicit answer beats a guess from shape alone.
    /// </summary>
    public bool FromProviderAnswer { get; init; }

    /// <summary>A passing check of <paramref name="stage"/>.</summary>
    public static Finding Pass(DiagnosticStage stage, string title, string detail = "", JsonObject? evidence = null) =>
        new(VerdictCodes.Ok, Severity.Ok, stage, title, detail, [], evidence ?? []);

    /// <summary>
    /// A finding whose title and next steps come from <see cref="NextStepsCatalog"/> for this code and provider;
    /// <paramref name="detail"/> says what was seen.
    /// </summary>
    public static Finding Create(
        string code,
        DiagnosticStage stage,
        ProviderId? provider,
        string detail,
        JsonObject? evidence = null,
        Severity severity = Severity.Error,
        string? title = null,
        IReadOnlyList<string>? extraStepsFirst = null)
    {
        var entry = NextStepsCatalog.For(code, provider);
        IReadOnlyList<string> steps = extraStepsFirst is { Count: > 0 } ? [.. extraStepsFirst, .. entry.Steps] : entry.Steps;
        return new Finding(code, severity, stage, title ?? entry.Title, detail, steps, evidence ?? []);
    }
}

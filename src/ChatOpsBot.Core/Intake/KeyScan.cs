using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Intake;

/// <summary>What <see cref="KeyIntake.Scan"/> found in a message.</summary>
/// <param name="Keys">Whole keys and tokens, each once, in the order they appear.</param>
/// <param name="MaskedForms">Masked keys (<c>sk-proj-…a1b2</c>), normalised to the shown form's "…".</param>
/// <param name="NamedProvider">A provider the message names in words (<c>gemini AIza…</c>), or null.</param>
public sealed record KeyScan(IReadOnlyList<KeyCandidate> Keys, IReadOnlyList<string> MaskedForms, ProviderId? NamedProvider)
{
    public static KeyScan Empty { get; } = new([], [], null);
}

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// The result of one revocation, without any secret: the key only as its shown form (<c>sk-proj-…a1b2</c>).
/// </summary>
/// <param name="Provider">Whose key it is.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="KeyShown">The leaked key's shown form.</param>
public sealed record RevocationResult(ProviderId Provider, RevocationOutcome Outcome, string KeyShown)
{
    /// <summary>Where the key lived: "project Prod (proj_abc)", "workspace Default", "team 5ea6…"; null if unknown.</summary>
    public string? Where { get; init; }

    /// <summary>The key's name at the provider, when it has one.</summary>
    public string? KeyName { get; init; }

    /// <summary>How to undo it, where the provider allows it; null when it cannot be undone.</summary>
    public string? Undo { get; init; }

    /// <summary>A short reason for outcomes other than revoked (what the API said, how many keys matched).</summary>
    public string? Detail { get; init; }

    /// <summary>True when the key no longer works because of this attempt.</summary>
    public bool Done => Outcome is RevocationOutcome.Revoked or RevocationOutcome.Deactivated;
}

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>What to diagnose for one provider. The key lives only as long as the diagnosis that uses it.</summary>
public sealed record DiagnosisRequest
{
    public required ProviderId Provider { get; init; }

    /// <summary>The raw key exactly as received (hygiene checks look at it before anything trims it).</summary>
    public string? Key { get; init; }

    public KeySource KeySource { get; init; }

    /// <summary>Where the key was read from, for messages ("OPENAI_API_KEY"); never the key itself.</summary>
    public string? KeyOrigin { get; init; }

    /// <summary>
    /// The key check's verdict, when the key was taken in with <see cref="KeyAdmission.Admit"/> (inspected once and
    /// registered with the scrubber there); null: the engine inspects and registers <see cref="Key"/> itself.
    /// </summary>
    public Keys.KeyInspection? Inspection { get; init; }

    /// <summary>
    /// The provider's API root, or null for its own host. Always the operator's (a setting, a variable, a team key or
    /// monitor target, the command line): trusted, loopback and private gateways included. Chat users cannot set it.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Also check access to this model.</summary>
    public string? Model { get; init; }

    /// <summary>Also run the quota-revealing deep check.</summary>
    public bool Deep { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"DiagnosisRequest {{ Provider = {Provider.Wire()}, BaseUrl = {(BaseUrl is null ? "" : Redaction.UrlDisplay.Show(BaseUrl))}, Model = {Model}, Deep = {Deep} }}";
}

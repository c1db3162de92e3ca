namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>What a classifier may know besides the response. Never the key itself.</summary>
/// <param name="Provider">The provider probed.</param>
/// <param name="Kind">Which probe.</param>
/// <param name="Model">The model named, if any.</param>
/// <param name="CustomBaseUrl">True when the probe went to a gateway or custom root rather than the provider's host.</param>
public sealed record ProbeContext(ProviderId Provider, ProbeKind Kind, string? Model, bool CustomBaseUrl);

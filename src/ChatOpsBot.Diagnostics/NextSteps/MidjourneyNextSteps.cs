using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>Midjourney's next steps (Discord-side checks; no API console, so the generic pages), keyed by verdict code.</summary>
internal static class MidjourneyNextSteps
{
    public static FrozenDictionary<string, CatalogEntry> Table { get; } = NextStepsTable.Build(
        new(ProviderPages.Generic, ProviderId.Midjourney.DisplayName(), NextStepsContext.AnyEnvVar));
}

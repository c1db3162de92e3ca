using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>Next steps when no provider is known, keyed by verdict code.</summary>
internal static class AnyProviderNextSteps
{
    public static FrozenDictionary<string, CatalogEntry> Table { get; } = NextStepsTable.Build(
        new(ProviderPages.Generic, "the provider", NextStepsContext.AnyEnvVar));
}

using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>A provider's titles and next steps keyed by verdict code.</summary>
internal static class NextStepsTable
{
    public static FrozenDictionary<string, CatalogEntry> Build(NextStepsContext context) =>
        CommonNextSteps.Templates.ToFrozenDictionary(t => t.Code, t => t.Build(context), StringComparer.Ordinal);
}

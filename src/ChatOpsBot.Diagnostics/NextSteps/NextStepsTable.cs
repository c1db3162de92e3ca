using System.Collections.Frozen;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>A provider's titles and next steps keyed by verdict code.</summary>
internal static class NextStepsTable
{
    public static FrozenDictionary<string, CatalogEntry> Build(NextStepsContext context) =>
        CommonNextSteps.Templates.ToFrozenDictionary(t => t.Code, t => t.Build(context), StringComparer.Ordinal);

    /// <summary>A registered provider's table: the shared steps with its pages, name and first key variable, then its overrides.</summary>
    public static FrozenDictionary<string, CatalogEntry> For(ProviderDescriptor descriptor)
    {
        var context = new NextStepsContext(descriptor.Pages, descriptor.DisplayName, descriptor.KeyVariables[0]);
        var table = CommonNextSteps.Templates.ToDictionary(t => t.Code, t => t.Build(context), StringComparer.Ordinal);
        foreach (var (code, entry) in descriptor.NextStepsOverrides)
        {
            table[code] = entry;
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

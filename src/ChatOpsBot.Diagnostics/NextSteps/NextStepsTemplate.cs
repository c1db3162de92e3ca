namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>One verdict code's title and steps, written once for every provider and filled in per provider.</summary>
internal sealed record NextStepsTemplate(string Code, Func<NextStepsContext, CatalogEntry> Build);

namespace ChatOpsBot.Diagnostics;

/// <summary>A verdict's title and what to do about it, most likely fix first.</summary>
public sealed record CatalogEntry(string Title, IReadOnlyList<string> Steps);

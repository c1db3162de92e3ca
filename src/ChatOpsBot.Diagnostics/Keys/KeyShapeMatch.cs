namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// What one look at a key found (<see cref="KeyShapes.Match"/>): its shape, the rule that recognised it and whether it
/// is complete. Taken once, at intake, and handed on with the key, so the key check does not classify it again. The key
/// it describes is kept only to tell whether a later value is the same; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class KeyShapeMatch
{
    internal KeyShapeMatch(string key, KeyShape shape, KeyShapeRule? rule, bool isWellFormed)
    {
        Key = key;
        Shape = shape;
        Rule = rule;
        IsWellFormed = isWellFormed;
    }

    /// <summary>What the key looks like (platform and kind).</summary>
    public KeyShape Shape { get; }

    /// <summary>A complete, possible key of the format its prefix names (see <see cref="KeyShapes.IsWellFormed"/>).</summary>
    public bool IsWellFormed { get; }

    /// <summary>The rule that recognised the key, for length hints; null for sk-, Telegram, Discord and unknown shapes.</summary>
    internal KeyShapeRule? Rule { get; }

    /// <summary>The key this describes: never printed.</summary>
    private string Key { get; }

    /// <summary>True when this describes exactly <paramref name="key"/>.</summary>
    internal bool IsFor(string key) => string.Equals(Key, key, StringComparison.Ordinal);

    public override string ToString() => Shape.Kind;
}

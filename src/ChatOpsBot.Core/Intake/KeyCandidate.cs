using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Core.Intake;

/// <summary>
/// A key found in a message. The value is internal and never printed: <see cref="ToString"/> gives the shown form, so
/// a candidate that reaches a log or an exception message shows only <c>sk-proj-…a1b2</c>.
/// </summary>
public sealed class KeyCandidate
{
    internal KeyCandidate(string value, KeyShapeMatch match, ProviderId? provider, string shown)
    {
        Value = value;
        Match = match;
        Provider = provider;
        Shown = shown;
    }

    /// <summary>The key itself: only for the diagnosis that uses it.</summary>
    internal string Value { get; }

    /// <summary>What the key looks like (platform and kind).</summary>
    public KeyShape Shape => Match.Shape;

    /// <summary>What intake found the key to be, handed on to the key check so the key is classified once.</summary>
    internal KeyShapeMatch Match { get; }

    /// <summary>The provider we diagnose that its shape points to, or null (another platform's key or token).</summary>
    public ProviderId? Provider { get; }

    /// <summary>Prefix + "…" + last 4.</summary>
    public string Shown { get; }

    public override string ToString() => Shown;
}

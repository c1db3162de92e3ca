namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>One recognisable key format: a prefix, then a body of a known length and alphabet.</summary>
/// <param name="Prefix">The literal prefix the key starts with.</param>
/// <param name="Shape">What a key with this prefix is.</param>
/// <param name="MinBody">Shortest body (after the prefix, suffix included) a real key has.</param>
/// <param name="MaxBody">Longest body a real key has.</param>
/// <param name="Body">The body's alphabet.</param>
/// <param name="Suffix">A literal the body ends with, or null.</param>
internal sealed record KeyShapeRule(string Prefix, KeyShape Shape, int MinBody, int MaxBody, KeyBodyClass Body, string? Suffix = null)
{
    /// <summary>Whether <paramref name="key"/> (which starts with <see cref="Prefix"/>) has a possible body.</summary>
    public bool IsWellFormed(string key)
    {
        var body = key.AsSpan(Prefix.Length);
        if (body.Length < MinBody || body.Length > MaxBody)
        {
            return false;
        }

        if (Suffix is not null && !body.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in body)
        {
            if (!KeyShapes.IsBodyChar(c, Body))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short description of a well-formed body, for messages ("95 characters").</summary>
    public string ExpectedLength => MinBody == MaxBody
        ? $"{Prefix.Length + MinBody} characters"
        : $"{Prefix.Length + MinBody} to {Prefix.Length + MaxBody} characters";
}

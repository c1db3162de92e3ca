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
    /// <summary>
    /// True when the rule names a key only if the whole key fits (a bare prefix such as sk- that many formats share):
    /// a key that starts so but does not fit is left to the next rule, not called a cut-short key of this format.
    /// </summary>
    public bool WholeOnly { get; init; }

    /// <summary>A rule that claims every key starting with <paramref name="prefix"/> (a wrong length is <c>key.malformed</c>).</summary>
    public static KeyShapeRule For(string prefix, KeyPlatform platform, string kind, int min, int max, KeyBodyClass body, bool admin = false, string? suffix = null) =>
        new(prefix, new KeyShape(platform, kind, prefix, admin), min, max, body, suffix);

    /// <summary>A rule that names only whole keys of <paramref name="prefix"/> + <paramref name="length"/> characters (see <see cref="WholeOnly"/>).</summary>
    public static KeyShapeRule Whole(string prefix, KeyPlatform platform, string kind, int length, KeyBodyClass body) =>
        new(prefix, new KeyShape(platform, kind, prefix, false), length, length, body) { WholeOnly = true };

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

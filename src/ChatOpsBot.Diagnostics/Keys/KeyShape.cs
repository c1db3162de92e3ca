namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>Which platform and kind of key a string looks like.</summary>
/// <param name="Platform">The platform recognised from the shape, or <see cref="KeyPlatform.Unknown"/>.</param>
/// <param name="Kind">A human name for the kind ("OpenAI project key", "Anthropic Admin API key").</param>
/// <param name="Prefix">The public prefix used in the shown form (<c>sk-proj-</c>, <c>AIza</c>), or "".</param>
/// <param name="IsAdminKey">True for admin/management keys that cannot call inference endpoints.</param>
public sealed record KeyShape(KeyPlatform Platform, string Kind, string Prefix, bool IsAdminKey)
{
    public static KeyShape Unknown { get; } = new(KeyPlatform.Unknown, "unrecognised key", "", false);

    /// <summary>
    /// For a shape that names no one platform (its <see cref="Platform"/> is <see cref="KeyPlatform.Unknown"/>): the
    /// platforms whose keys it fits, in registry order. Several providers' keys share a shape (32 letters and digits
    /// with no prefix), and a bare shape with no prefix fits random text too: the key could be theirs, no more.
    /// </summary>
    public IReadOnlyList<KeyPlatform> CouldBe { get; init; } = [];
}

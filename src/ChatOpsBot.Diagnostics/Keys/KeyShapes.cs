namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>Recognises keys and tokens by shape. (Placeholder signature: implemented by the keys work.)</summary>
public static class KeyShapes
{
    /// <summary>What <paramref name="key"/> (already trimmed) looks like.</summary>
    public static KeyShape Identify(string key) => throw new NotImplementedException();
}

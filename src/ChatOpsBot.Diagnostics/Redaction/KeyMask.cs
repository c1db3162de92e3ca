namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>Shown forms of secrets. (Placeholder signature: implemented by the redaction work.)</summary>
public static class KeyMask
{
    /// <summary>Platform prefix + "…" + last 4 (<c>sk-proj-…a1b2</c>); never more than that.</summary>
    public static string Show(string key) => throw new NotImplementedException();

    /// <summary>First 8 hex digits of the key's SHA-256 (lowercase).</summary>
    public static string Fingerprint(string key) => throw new NotImplementedException();
}

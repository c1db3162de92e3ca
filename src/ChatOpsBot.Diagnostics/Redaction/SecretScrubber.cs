namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>
/// The one scrubber on every outbound path. (Placeholder signature: implemented by the redaction work.)
/// </summary>
public sealed class SecretScrubber
{
    /// <summary>Remembers <paramref name="secret"/> until the returned handle is disposed.</summary>
    public IDisposable Register(string secret) => throw new NotImplementedException();

    /// <summary>Replaces every known secret and every key-shaped string in <paramref name="text"/> by its shown form.</summary>
    public string Scrub(string text) => throw new NotImplementedException();
}

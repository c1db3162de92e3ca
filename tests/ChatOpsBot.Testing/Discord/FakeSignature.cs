namespace ChatOpsBot.Testing.Discord;

/// <summary>How the fake Discord signs a POST to an interactions endpoint (Discord sends bad ones on purpose, too).</summary>
public enum FakeSignature
{
    /// <summary>Ed25519 over timestamp + body with the application's key, as Discord does.</summary>
    Valid,

    /// <summary>No <c>X-Signature-Ed25519</c> header at all.</summary>
    Missing,

    /// <summary>A well-formed signature made with another key pair.</summary>
    WrongKey,

    /// <summary>Signed correctly, then one byte of the body changed on the way.</summary>
    TamperedBody,
}

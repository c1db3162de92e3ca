namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>The characters the part of a key after its prefix may hold.</summary>
internal enum KeyBodyClass
{
    /// <summary>A-Z, a-z, 0-9.</summary>
    Alphanumeric,

    /// <summary>A-Z, a-z, 0-9, '-' and '_' (base64url).</summary>
    Base64Url,

    /// <summary>Base64url plus '.'.</summary>
    Base64UrlDot,

    /// <summary>0-9, a-f.</summary>
    LowerHex,

    /// <summary>A-Z, 0-9.</summary>
    UpperAlphanumeric,

    /// <summary>A-Z, a-z, 0-9 and '-'.</summary>
    AlphanumericDash,
}

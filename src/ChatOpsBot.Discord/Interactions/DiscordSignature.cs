using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>
/// Discord's request signing for HTTP interactions: Ed25519 over the <c>X-Signature-Timestamp</c> header's bytes
/// followed by the raw body, exactly as received, checked against the application's public key (hex, 32 bytes) from
/// the Developer Portal. See https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers.
/// </summary>
public static class DiscordSignature
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    private const int SignatureHexLength = 128; // 64 bytes
    private const int PublicKeyHexLength = 64; // 32 bytes

    /// <summary>Reads a hex public key; false for anything that is not 32 bytes of hex naming a valid Ed25519 key.</summary>
    public static bool TryParsePublicKey(string? hex, out PublicKey? key)
    {
        key = null;
        if (hex is null || hex.Length != PublicKeyHexLength || !IsHex(hex))
        {
            return false;
        }

        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, Convert.FromHexString(hex), KeyBlobFormat.RawPublicKey, out key) && key is not null;
    }

    /// <summary>
    /// True only when <paramref name="signatureHex"/> is Ed25519(<paramref name="timestamp"/> ‖ <paramref name="body"/>)
    /// under <paramref name="key"/>. A missing header, bad hex or a wrong length is simply false: never an exception.
    /// </summary>
    public static bool Verify(PublicKey key, string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (signatureHex is not { Length: SignatureHexLength } || timestamp is null || !IsHex(signatureHex))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureHexLength / 2];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != signature.Length)
        {
            return false;
        }

        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(n));
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }

    /// <summary>
    /// The timestamp as Unix seconds, when it is within <paramref name="maxSkew"/> of <paramref name="now"/>. Discord
    /// sends whole seconds; the docs set no freshness rule, so refusing a stale one (a replayed request) is our own choice.
    /// </summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (timestamp is null || timestamp.Length is 0 or > 19 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        return Math.Abs(nowSeconds - seconds) <= (long)maxSkew.TotalSeconds;
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

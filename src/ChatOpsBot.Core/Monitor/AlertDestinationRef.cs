using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// A destination string (<c>discord:123</c>, <c>discord-webhook:https://…</c>, <c>telegram:-100…</c>) split into
/// scheme and address, with the id the store keeps. An address that is a URL (a webhook, whose token is a secret) is
/// stored only as <c>scheme#fingerprint</c> and resolved from the configuration when delivered.
/// </summary>
public sealed record AlertDestinationRef(string Scheme, string Address)
{
    /// <summary>The full destination string, as configured.</summary>
    public string Value => $"{Scheme}:{Address}";

    /// <summary>True when the address must not be written to the store (it carries a secret, such as a webhook URL).</summary>
    public bool IsSecret => Address.Contains("://", StringComparison.Ordinal);

    /// <summary>What the store keeps: the destination itself, or <c>scheme#&lt;16 hex of SHA-256&gt;</c> for a secret one.</summary>
    public string StoreId => IsSecret
        ? $"{Scheme}#{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value)))[..16]}"
        : Value;

    /// <summary>Splits <paramref name="destination"/> at its first colon; null when it has no scheme or no address.</summary>
    public static AlertDestinationRef? TryParse(string? destination)
    {
        var text = destination?.Trim();
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return null;
        }

        return new AlertDestinationRef(text[..colon].ToLowerInvariant(), text[(colon + 1)..].Trim());
    }
}

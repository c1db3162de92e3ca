namespace ChatOpsBot.Testing;

/// <summary>
/// Asserts that no secret leaked into a user-visible text: neither whole, trimmed, nor any 8-character run of its
/// secret part (everything after the platform's public prefix, which the shown form legitimately keeps).
/// </summary>
public static class LeakAssert
{
    /// <summary>Public prefixes that shown forms keep (longest first).</summary>
    private static readonly string[] PublicPrefixes =
    [
        "sk-ant-admin01-", "sk-ant-api03-", "sk-svcacct-", "sk-admin-", "sk-proj-", "sk-or-v1-", "sk-None-",
        "github_pat_", "AIzaSy", "AIza", "xai-", "gsk_", "sk-", "hf_", "pplx-", "r8_",
    ];

    public static void NoSecret(string? output, params string[] secrets)
    {
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        foreach (var raw in secrets)
        {
            var secret = raw.Trim();
            if (secret.Length == 0)
            {
                continue;
            }

            if (output.Contains(secret, StringComparison.Ordinal))
            {
                throw new LeakException($"A secret of length {secret.Length} appears whole in the output.");
            }

            var prefix = PublicPrefixes.FirstOrDefault(p => secret.StartsWith(p, StringComparison.Ordinal)) ?? "";
            var material = secret[prefix.Length..];
            for (var i = 0; i + 8 <= material.Length; i++)
            {
                var window = material.Substring(i, 8);
                if (output.Contains(window, StringComparison.Ordinal))
                {
                    throw new LeakException($"8 characters of a secret (offset {prefix.Length + i} of {secret.Length}) appear in the output.");
                }
            }
        }
    }
}

/// <summary>Thrown when a secret leaked; its message never contains the secret.</summary>
public sealed class LeakException : Exception
{
    public LeakException()
    {
    }

    public LeakException(string message)
        : base(message)
    {
    }

    public LeakException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

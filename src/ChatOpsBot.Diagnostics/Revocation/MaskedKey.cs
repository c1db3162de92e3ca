namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Compares a key with the masked form an admin API shows of it: OpenAI's <c>redacted_value</c>
/// (<c>sk-proj-****…****excA</c>, padded with <c>*</c> to the key's full length, or <c>sk-abc...def</c>), Anthropic's
/// <c>partial_key_hint</c> (<c>sk-ant-api03-R2D...igAA</c>), OpenRouter's <c>label</c> (<c>sk-or-v1-0e6...1c96</c>).
/// </summary>
public static class MaskedKey
{
    /// <summary>
    /// True when <paramref name="key"/> starts with the visible head of <paramref name="masked"/> and ends with its
    /// visible tail (at least 2 characters each side); a mask padded with <c>*</c> and no dots must also have the
    /// key's length.
    /// </summary>
    public static bool Fits(string? masked, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(masked))
        {
            return false;
        }

        var first = masked.IndexOfAny(['*', '.', '…']);
        var last = masked.LastIndexOfAny(['*', '.', '…']);
        if (first <= 0 || last >= masked.Length - 1)
        {
            return false; // no mask, or nothing visible on one side
        }

        var head = masked[..first];
        var tail = masked[(last + 1)..];
        if (head.Length < 2 || tail.Length < 2 || head.Length + tail.Length >= key.Length)
        {
            return false;
        }

        var starPadded = !masked.Contains('.', StringComparison.Ordinal) && !masked.Contains('…', StringComparison.Ordinal);
        if (starPadded && masked.Length != key.Length)
        {
            return false;
        }

        return key.StartsWith(head, StringComparison.Ordinal) && key.EndsWith(tail, StringComparison.Ordinal);
    }
}

using System.Globalization;

namespace ChatOpsBot.Cli;

/// <summary>What <c>diagnose</c>'s option values must be, and the usage messages that say so (docs/contract.md, CLI).</summary>
internal static class DiagnoseRules
{
    public const string KeyLookingWord = "That looks like a key: never put a key on the command line. Use --key-env NAME or --key-stdin.";

    public const string KeyOption = "A key is never taken from the command line (it would stay in your shell history). Use --key-env NAME or --key-stdin.";

    private const double MinTimeoutSeconds = 0.1;
    private const double MaxTimeoutSeconds = 600;

    public static string NeedsValue(string option) => $"{option} needs a value.";

    public static string UnknownOption(string option) => $"Unknown option {option}.";

    public static string UnexpectedWord(string word) => $"Unexpected word \"{word}\": give one provider.";

    /// <summary>A word starting with '-' that is no option of ours: named up to any '=' (its value is not echoed).</summary>
    public static string UnknownOptionWord(string word)
    {
        var name = word.StartsWith("--", StringComparison.Ordinal) && word.IndexOf('=', StringComparison.Ordinal) is var eq and > 2 ? word[..eq] : word;
        return LooksLikeKey(name.TrimStart('-')) ? KeyLookingWord : UnknownOption(name);
    }

    /// <summary>A word beyond the one provider.</summary>
    public static string ExtraWord(string word) => LooksLikeKey(word) ? KeyLookingWord : UnexpectedWord(word);

    /// <summary>A word of 20 characters or more without a space is taken for a key, and never echoed.</summary>
    public static bool LooksLikeKey(string word) => word.Length >= 20 && !word.Contains(' ', StringComparison.Ordinal);

    /// <summary>The NAME of an environment variable: letters, digits and _.</summary>
    public static string KeyEnvName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw new UsageException("--key-env takes the NAME of an environment variable (letters, digits, _), not a key.");

    /// <summary>A model name, trimmed; never empty.</summary>
    public static string ModelName(string value) =>
        value.Trim() is { Length: > 0 } model
            ? model
            : throw new UsageException("--model needs a model name, e.g. --model gpt-4o-mini.");

    /// <summary>A finite number of seconds from 0.1 to 600.</summary>
    public static TimeSpan TimeoutSeconds(string value)
    {
        // NaN and infinities pass any range check (every comparison with NaN is false): ask for finite first.
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds)
        {
            throw new UsageException("--timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}

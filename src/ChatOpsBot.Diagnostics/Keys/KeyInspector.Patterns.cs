using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Keys;

public static partial class KeyInspector
{
    /// <summary>Values people leave in place of a key (compared case-insensitively, white space removed).</summary>
    private static readonly HashSet<string> PlaceholderWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "apikey", "api-key", "api_key", "secret", "token", "password", "changeme", "change-me", "change_me",
        "replaceme", "replace-me", "replace_me", "test", "testing", "none", "null", "nil", "undefined", "empty",
        "placeholder", "dummy", "example", "sample", "fake", "foo", "bar", "todo", "tbd", "mykey", "my-key", "my_key",
        "my-api-key", "my_api_key", "insert-key-here", "insert_key_here", "enter-your-key", "false", "true", "0", "bearer",
        "sk", "sk-", "sk-proj", "sk-ant", "aiza",
    };

    // <...>, ${VAR}, $VAR, $(cmd), {{ var }}, %VAR%: templates and unexpanded variables.
    [GeneratedRegex(@"^(?:<[^<>]*>|\$\{[^{}]*\}|\$\([^()]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^{}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TemplateRegex();

    // "your-api-key", "YOUR_OPENAI_API_KEY_HERE", "sk-your-key-here", "insert your token".
    [GeneratedRegex(@"(?:your|insert|replace|enter|paste|put).{0,20}(?:key|token|secret)|(?:key|token)[-_ ]?here",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderPhraseRegex();

    // A body (after the platform prefix) that is only filler: "xxxx", "...", "…", "****", "0000", "1234...".
    [GeneratedRegex(@"^(?:[xX]{3,}|[.…*•]+|0{3,}|1234[0-9]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FillerBodyRegex();

    // "abc", "abcdef": filler after a bare "sk-" or nothing; after a platform's own prefix (sk-ant-api03-abc) it is a
    // real key cut short when copied, which is key.malformed.
    [GeneratedRegex(@"^abcd?e?f?$", RegexOptions.CultureInvariant)]
    private static partial Regex AbcFillerRegex();

    // Masking marks: "…", "...", "**", "•", "●".
    [GeneratedRegex(@"…|\.\.\.|\*\*|[•●]", RegexOptions.CultureInvariant)]
    private static partial Regex MaskRegex();

    // "Bearer ", "Authorization: Bearer ", "x-api-key: ", "x-goog-api-key: " pasted in front of the key.
    [GeneratedRegex(@"^(?:(?<header>(?:proxy-)?authorization|x-api-key|x-goog-api-key|api-key)\s*:\s*)?(?<bearer>bearer[\s:]+)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex HeaderPrefixRegex();
}

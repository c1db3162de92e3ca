using System.CommandLine.Parsing;

namespace ChatOpsBot.Cli;

/// <summary>
/// The words after <c>diagnose</c>, as System.CommandLine tokenized them (<see cref="ChatOpsBotCommandLine"/>), read
/// left to right: the first bad word is the one reported, in our words (docs/contract.md, CLI). The contract is
/// stricter than the library's defaults, and this reading keeps it: only <c>--name=value</c> carries a value in the
/// word (<c>--timeout:5</c> is an unknown option), a flag ignores such a value, a value is never a word starting with
/// <c>--</c>, <c>--</c> is an unknown option (it does not end the options), and a repeated option's last value counts.
/// </summary>
internal sealed class DiagnoseWords
{
    public string? Provider { get; private set; }

    public string? KeyEnv { get; private set; }

    public bool KeyStdin { get; private set; }

    public Uri? BaseUrl { get; private set; }

    public string? Model { get; private set; }

    public bool Deep { get; private set; }

    public TimeSpan? Timeout { get; private set; }

    public bool Json { get; private set; }

    /// <summary>True when the words ask for <c>diagnose</c>'s usage text: a first word -h, --help or help, or --help anywhere.</summary>
    public static bool WantsHelp(IReadOnlyList<string> words) =>
        words is ["-h" or "--help" or "help", ..] || words.Contains("--help");

    /// <summary>Reads the words after <c>diagnose</c>.</summary>
    /// <exception cref="UsageException">The first word that is not valid, said in our words.</exception>
    public static DiagnoseWords Read(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var grammar = new ChatOpsBotCommandLine();
        var tokens = FirstTokens(words, grammar.Parse(["diagnose", .. words]).Tokens);
        var read = new DiagnoseWords();
        for (var i = 0; i < words.Count; i++)
        {
            var (name, inline) = SplitInline(words[i]);
            // An option only when the library recognised this very name (not a prefix before ':', not after a "--").
            var option = tokens[i] is { Type: TokenType.Option } token && token.Value == name ? grammar.DiagnoseOption(name) : null;

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= words.Count || words[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException(DiagnoseRules.NeedsValue(name));
                }

                return words[++i];
            }

            if (option is null)
            {
                read.Word(name);
            }
            else if (option == grammar.KeyEnv)
            {
                read.KeyEnv = DiagnoseRules.KeyEnvName(Value());
            }
            else if (option == grammar.BaseUrl)
            {
                read.BaseUrl = DiagnoseArguments.ParseBaseUrl(Value(), "--base-url");
            }
            else if (option == grammar.Model)
            {
                read.Model = DiagnoseRules.ModelName(Value());
            }
            else if (option == grammar.Timeout)
            {
                read.Timeout = DiagnoseRules.TimeoutSeconds(Value());
            }
            else if (option == grammar.KeyOnCommandLine)
            {
                throw new UsageException(DiagnoseRules.KeyOption);
            }
            else
            {
                read.KeyStdin |= option == grammar.KeyStdin;
                read.Deep |= option == grammar.Deep;
                read.Json |= option == grammar.Json;
            }
        }

        return read;
    }

    /// <summary>A word that is no option of ours: an unknown option, or the provider (one only).</summary>
    private void Word(string word)
    {
        if (word.StartsWith('-'))
        {
            throw new UsageException(DiagnoseRules.LooksLikeKey(word.TrimStart('-')) ? DiagnoseRules.KeyLookingWord : DiagnoseRules.UnknownOption(word));
        }

        if (Provider is not null)
        {
            throw new UsageException(DiagnoseRules.LooksLikeKey(word) ? DiagnoseRules.KeyLookingWord : DiagnoseRules.UnexpectedWord(word));
        }

        Provider = word;
    }

    /// <summary><c>--name=value</c> is the option's name and its value (which may be empty); any other word is itself.</summary>
    private static (string Name, string? Inline) SplitInline(string word) =>
        word.StartsWith("--", StringComparison.Ordinal) && word.IndexOf('=', StringComparison.Ordinal) is var eq and > 2
            ? (word[..eq], word[(eq + 1)..])
            : (word, null);

    /// <summary>
    /// The first token of each word (the tokens start with the verb's). A word is one token, or, where the library
    /// split it after a known option's name at ':' or '=', that option's token and the rest's when the rest is not empty.
    /// </summary>
    private static Token[] FirstTokens(IReadOnlyList<string> words, IReadOnlyList<Token> tokens)
    {
        var firsts = new Token[words.Count];
        var t = 1;
        for (var i = 0; i < words.Count; i++)
        {
            var token = tokens[t];
            firsts[i] = token;
            t += token.Value == words[i] || words[i].Length == token.Value.Length + 1 ? 1 : 2;
        }

        return t == tokens.Count ? firsts : throw new InvalidOperationException("The command line's tokens do not match its words.");
    }
}

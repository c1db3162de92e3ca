using System.CommandLine;
using System.CommandLine.Parsing;

namespace ChatOpsBot.Cli;

/// <summary>
/// The words after <c>diagnose</c> as System.CommandLine parsed them (<see cref="ChatOpsBotCommandLine"/>): the values
/// from the typed options, and the parse's problems in our words (docs/contract.md, CLI). A problem is an option's own
/// error (its validator or parser, texts from <see cref="DiagnoseRules"/>), a provider word that looks like an option,
/// or an unmatched word; the one reported is the one whose word comes first on the line (an option's at its first use).
/// </summary>
internal sealed class DiagnoseWords
{
    public string? Provider { get; private init; }

    public string? KeyEnv { get; private init; }

    public bool KeyStdin { get; private init; }

    public Uri? BaseUrl { get; private init; }

    public string? Model { get; private init; }

    public bool Deep { get; private init; }

    public TimeSpan? Timeout { get; private init; }

    public bool Json { get; private init; }

    /// <summary>True when the words ask for <c>diagnose</c>'s usage text: --help anywhere, or a first word -h or help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> words)
    {
        var grammar = new ChatOpsBotCommandLine();
        var parsed = Parse(grammar, words);
        var verb = IndexOf(parsed.Tokens, parsed.CommandResult.IdentifierToken);
        return parsed.GetValue(grammar.HelpFlag)
            || (verb + 1 < parsed.Tokens.Count && parsed.Tokens[verb + 1] is { Type: TokenType.Argument, Value: "-h" or "help" });
    }

    /// <summary>Reads the words after <c>diagnose</c>.</summary>
    /// <exception cref="UsageException">The first problem on the line, said in our words.</exception>
    public static DiagnoseWords Read(IReadOnlyList<string> words)
    {
        var grammar = new ChatOpsBotCommandLine();
        var parsed = Parse(grammar, words);
        if (Problems(grammar, parsed).FirstOrDefault() is { } problem)
        {
            throw new UsageException(problem);
        }

        return new DiagnoseWords
        {
            Provider = parsed.GetValue(grammar.Provider),
            KeyEnv = parsed.GetValue(grammar.KeyEnv),
            KeyStdin = parsed.GetValue(grammar.KeyStdin),
            BaseUrl = parsed.GetValue(grammar.BaseUrl),
            Model = parsed.GetValue(grammar.Model),
            Deep = parsed.GetValue(grammar.Deep),
            Timeout = parsed.GetValue(grammar.Timeout),
            Json = parsed.GetValue(grammar.Json),
        };
    }

    /// <summary>Every problem of the line in our words, in the order of their words on it (tests compare them all).</summary>
    internal static IReadOnlyList<string> Problems(IReadOnlyList<string> words)
    {
        var grammar = new ChatOpsBotCommandLine();
        return Problems(grammar, Parse(grammar, words));
    }

    private static ParseResult Parse(ChatOpsBotCommandLine grammar, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return grammar.Parse(["diagnose", .. words]);
    }

    private static List<string> Problems(ChatOpsBotCommandLine grammar, ParseResult parsed)
    {
        var tokens = parsed.Tokens;
        var problems = new List<(int At, string Message)>();

        // The parse's errors are our options' only: diagnose reports no unmatched token as an error of the library's.
        foreach (var error in parsed.Errors)
        {
            var option = error.SymbolResult as OptionResult
                ?? throw new InvalidOperationException("The command line's parse has an error that is not one of diagnose's options.");
            problems.Add((IndexOf(tokens, option.IdentifierToken), error.Message));
        }

        // After "--" every word is a word (POSIX); before it, a provider word starting with '-' names an unknown option.
        var endOfOptions = IndexOf(tokens, tokens.FirstOrDefault(t => t.Type == TokenType.DoubleDash));
        if (parsed.GetResult(grammar.Provider) is { Tokens: [var provider] } && provider.Value.StartsWith('-')
            && IndexOf(tokens, provider) is var at && (endOfOptions < 0 || at < endOfOptions))
        {
            problems.Add((at, DiagnoseRules.UnknownOptionWord(provider.Value)));
        }

        // The unmatched words, in order, are the argument tokens that no option or the provider took.
        var taken = grammar.Diagnose.Options.Select(o => parsed.GetResult(o)).Select(r => r?.Tokens ?? [])
            .Append(parsed.GetResult(grammar.Provider)?.Tokens ?? []).SelectMany(t => t).ToHashSet(ReferenceEqualityComparer.Instance);
        var unmatched = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Type == TokenType.Argument && !taken.Contains(tokens[i])).ToList();
        if (unmatched.Count != parsed.UnmatchedTokens.Count)
        {
            throw new InvalidOperationException("The command line's unmatched words do not match its tokens.");
        }

        foreach (var (i, word) in unmatched.Zip(parsed.UnmatchedTokens))
        {
            var optionLike = word.StartsWith('-') && (endOfOptions < 0 || i < endOfOptions);
            problems.Add((i, optionLike ? DiagnoseRules.UnknownOptionWord(word) : DiagnoseRules.ExtraWord(word)));
        }

        return [.. problems.OrderBy(p => p.At).Select(p => p.Message)]; // OrderBy is stable: one word's errors keep their order
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token? token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace ChatOpsBot.Cli;

/// <summary>
/// The command line's grammar, declared with System.CommandLine: the verbs and <c>diagnose</c>'s options, their values'
/// rules and their errors, in our words (docs/contract.md, CLI). Configured to keep that contract: no response files
/// (an <c>@file</c> word is a word, the file is never read: a key could sit in it), no POSIX bundling, no directives,
/// and no help or version option of the library's own. <see cref="DiagnoseWords"/> turns a parse into our usage errors.
/// </summary>
internal sealed class ChatOpsBotCommandLine
{
    /// <summary>The root's name, given as the first word of every parse so that no word of the user's is taken for it.</summary>
    public const string Name = "chatopsbot";

    public ChatOpsBotCommandLine()
    {
        Diagnose = new Command("diagnose", "diagnose keys")
        {
            Provider, KeyEnv, KeyStdin, BaseUrl, Model, Deep, Timeout, Json, KeyOnCommandLine, HelpFlag,
        };
        Diagnose.TreatUnmatchedTokensAsErrors = false; // unmatched words are said in our words (DiagnoseWords), never the library's
        KeyOnCommandLine.Validators.Add(result =>
        {
            if (!result.Implicit) // a flag has an implicit result (false) when it is not on the line
            {
                result.AddError(DiagnoseRules.KeyOption);
            }
        });
        Chat = new Command("chat", "talk to the bot in this terminal") { Ignored() };
        Worker = new Command("worker", "run the bot worker") { Ignored() };
        Worker.Aliases.Add("run");
        Help = new Command("help", "the usage text") { Ignored() };
        Help.Aliases.Add("-h");
        Help.Aliases.Add("--help");
        Root = new Command(Name) { Diagnose, Chat, Worker, Help };
    }

    /// <summary>What the first word asks for.</summary>
    public enum Verb
    {
        Unknown,
        Worker,
        Help,
        Diagnose,
        Chat,
    }

    public Command Root { get; }

    public Command Diagnose { get; }

    public Command Chat { get; }

    public Command Worker { get; }

    public Command Help { get; }

    /// <summary><c>diagnose</c>'s one word that is no option; any further word is an unmatched token.</summary>
    public Argument<string?> Provider { get; } = new("provider") { Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> KeyEnv { get; } = Valued<string?>("--key-env", "read the key from this environment variable", DiagnoseRules.KeyEnvName);

    public Option<bool> KeyStdin { get; } = Flag("--key-stdin", "read the key from standard input");

    public Option<Uri?> BaseUrl { get; } = Valued<Uri?>("--base-url", "the provider's API root", value => DiagnoseArguments.ParseBaseUrl(value, "--base-url"));

    public Option<string?> Model { get; } = Valued<string?>("--model", "also check access to this model", DiagnoseRules.ModelName);

    public Option<bool> Deep { get; } = Flag("--deep", "also send a 1-token request");

    public Option<TimeSpan?> Timeout { get; } = Valued<TimeSpan?>("--timeout", "the deadline of the whole diagnosis, in seconds", value => DiagnoseRules.TimeoutSeconds(value));

    public Option<bool> Json { get; } = Flag("--json", "machine-readable output on stdout");

    /// <summary><c>--key</c> and <c>--api-key</c>: known only to be refused (a key is never taken from the command line).</summary>
    public Option<bool> KeyOnCommandLine { get; } = new("--key", "--api-key") { Arity = ArgumentArity.Zero, Hidden = true };

    /// <summary><c>--help</c> anywhere asks for <c>diagnose</c>'s usage text (ours: the option has no action of the library's).</summary>
    public Option<bool> HelpFlag { get; } = new("--help") { Arity = ArgumentArity.Zero, Hidden = true };

    /// <summary>
    /// No response files (the library would read <c>@file</c>), no bundling (<c>-abc</c> stays one word). Directives
    /// are never declared: the root is a plain <see cref="Command"/>, not a <see cref="RootCommand"/>, so it has no
    /// <c>[suggest]</c>, <c>[diagram]</c>, <c>--help</c> or <c>--version</c> of the library's own.
    /// </summary>
    public static ParserConfiguration Configuration => new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>Parses the process's arguments (the root's name is put first: a first word "chatopsbot" stays a word).</summary>
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Root.Parse([Name, .. args], Configuration);
    }

    /// <summary>The verb of the first word; no word at all runs the worker.</summary>
    public Verb VerbOf(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return Verb.Worker;
        }

        // Only a first word that is a verb's name (exactly) is a command token; directives, "--" and any other word are not.
        var parsed = Parse(args);
        if (parsed.Tokens is not [{ Type: TokenType.Command }, ..])
        {
            return Verb.Unknown;
        }

        var command = parsed.CommandResult.Command;
        return command == Diagnose ? Verb.Diagnose
            : command == Chat ? Verb.Chat
            : command == Worker ? Verb.Worker
            : command == Help ? Verb.Help
            : Verb.Unknown;
    }

    /// <summary>
    /// An option that takes a value: <c>--name value</c>, <c>--name=value</c> or <c>--name:value</c>. Not "greedy"
    /// (at least one value would make the library take a following option as the value): each use takes the next
    /// word that is no option of ours, its validator says when a use came without one, and the last value counts.
    /// </summary>
    private static Option<T> Valued<T>(string name, string description, Func<string, T> rule)
    {
        var option = new Option<T>(name)
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = description,
            CustomParser = result => LastValue(result, name, rule),
        };
        option.Validators.Add(result =>
        {
            if (result.IdentifierTokenCount > result.Tokens.Count)
            {
                result.AddError(DiagnoseRules.NeedsValue(name));
            }
        });
        return option;
    }

    /// <summary>Each value by its rule, left to right: the first one refused is the option's error; else the last counts.</summary>
    private static T? LastValue<T>(ArgumentResult result, string name, Func<string, T> rule)
    {
        T? value = default;
        foreach (var token in result.Tokens)
        {
            if (token.Value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError(DiagnoseRules.NeedsValue(name)); // a value is never a word starting with --
                return default;
            }

            try
            {
                value = rule(token.Value);
            }
            catch (UsageException ex)
            {
                result.AddError(ex.Message); // the rule's own text (DiagnoseRules), which never quotes the value
                return default;
            }
        }

        return value;
    }

    private static Option<bool> Flag(string name, string description) =>
        new(name) { Arity = ArgumentArity.Zero, Description = description }; // never takes the next word ("--json true")

    /// <summary>The words after <c>help</c>, <c>chat</c> and the worker's verb are not read (as before).</summary>
    private static Argument<string[]> Ignored() => new("ignored") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
}

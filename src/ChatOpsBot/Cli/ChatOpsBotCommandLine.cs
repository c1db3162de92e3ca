using System.CommandLine;
using System.CommandLine.Parsing;

namespace ChatOpsBot.Cli;

/// <summary>
/// The command line's grammar, declared with System.CommandLine: the verbs and <c>diagnose</c>'s options and words
/// (docs/contract.md, CLI). Configured to keep that contract: no response files (an <c>@file</c> word is a word, the
/// file is never read: a key could sit in it), no POSIX bundling, no directives, and no help or version option of the
/// library's own; the tokens it gives are read by <see cref="DiagnoseWords"/>, which says any usage error in our words.
/// </summary>
internal sealed class ChatOpsBotCommandLine
{
    /// <summary>The root's name, given as the first word of every parse so that no word of the user's is taken for it.</summary>
    public const string Name = "chatopsbot";

    public ChatOpsBotCommandLine()
    {
        Diagnose = new Command("diagnose", "diagnose keys")
        {
            Words, KeyEnv, KeyStdin, BaseUrl, Model, Deep, Timeout, Json, KeyOnCommandLine,
        };
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

    /// <summary><c>diagnose</c>'s words that are not options: the provider (one; any other is a usage error).</summary>
    public Argument<string[]> Words { get; } = new("provider") { Arity = ArgumentArity.ZeroOrMore };

    public Option<string> KeyEnv { get; } = Valued("--key-env", "read the key from this environment variable");

    public Option<bool> KeyStdin { get; } = Flag("--key-stdin", "read the key from standard input");

    public Option<string> BaseUrl { get; } = Valued("--base-url", "the provider's API root");

    public Option<string> Model { get; } = Valued("--model", "also check access to this model");

    public Option<bool> Deep { get; } = Flag("--deep", "also send a 1-token request");

    public Option<string> Timeout { get; } = Valued("--timeout", "the deadline of the whole diagnosis, in seconds");

    public Option<bool> Json { get; } = Flag("--json", "machine-readable output on stdout");

    /// <summary><c>--key</c> and <c>--api-key</c>: known only to be refused (a key is never taken from the command line).</summary>
    public Option<bool> KeyOnCommandLine { get; } = new("--key", "--api-key") { Arity = ArgumentArity.Zero, Hidden = true };

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

    /// <summary>The option <c>diagnose</c> knows by this exact name, if any.</summary>
    public Option? DiagnoseOption(string name) =>
        Diagnose.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static Option<string> Valued(string name, string description) =>
        new(name) { Arity = ArgumentArity.ZeroOrOne, Description = description }; // not "greedy": a following option stays an option

    private static Option<bool> Flag(string name, string description) =>
        new(name) { Arity = ArgumentArity.Zero, Description = description }; // never takes the next word ("--json true")

    /// <summary>The words after <c>help</c>, <c>chat</c> and the worker's verb are not read (as before).</summary>
    private static Argument<string[]> Ignored() => new("ignored") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
}

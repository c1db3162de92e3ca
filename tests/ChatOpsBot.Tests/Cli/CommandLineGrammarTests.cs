using System.CommandLine;
using ChatOpsBot.Cli;
using CsCheck;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// System.CommandLine reads the command line (<see cref="ChatOpsBotCommandLine"/>): configured to read no file, know
/// no directive and add no option of its own, and read on random words exactly as the hand parser did.
/// </summary>
public sealed class CommandLineGrammarTests
{
    private const string Key = "sk-proj-" + "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";

    /// <summary>Words near the grammar's edges: options with '=' or ':' values, "--", directives, @files, verbs, keys.</summary>
    private static readonly string[] EdgeWords =
        [
            "--json", "--deep", "--key-stdin", "--key-env", "--base-url", "--model", "--timeout", "--key", "--api-key", "--help", "-h",
            "help", "--version", "--", "-", "---json", "--JSON", "-json", "/json", "-?", "--hel", "--json=yes", "--json:true", "--deep=",
            "--timeout=5", "--timeout:5", "--timeout=", "--timeout=--json", "--model=m", "--model:m", "--key-env=A", "--key-env:A",
            "--base-url=http://127.0.0.1:9", "--base-url:http://x", "--key=" + Key, "-h=x", "--help=x", "--=x", "--x:y=z", "-" + Key,
            "--" + Key, "--" + Key + "=x", "[suggest]", "[diagram]", "[x:y]", "@args.rsp", "@", "diagnose", "chat", "run", "worker",
            "chatopsbot", "openai", "OpenAI", "all", " all ", "claude", "gemini", "google", "midjourney", Key, "15", "0.1", "-5", "A",
            "MY_KEY", "", " ",
        ];

    private static readonly Gen<string> Word = Gen.Frequency(
        (4, Gen.Int[0, EdgeWords.Length - 1].Select(i => EdgeWords[i])),
        (1, Gen.String[Gen.Char["-=:@[]/._ 0123456789abcdejkmnopstxyAZ"], 0, 14]));

    [Fact]
    public void Configuration_ReadsNoResponseFileAndBundlesNothing()
    {
        var configuration = ChatOpsBotCommandLine.Configuration;

        Assert.Null(configuration.ResponseFileTokenReplacer);
        Assert.False(configuration.EnablePosixBundling);
    }

    [Fact]
    public void Grammar_NoDirectiveNoHelpOrVersionOptionOfTheLibrary()
    {
        var grammar = new ChatOpsBotCommandLine();

        Assert.IsNotType<RootCommand>(grammar.Root); // a RootCommand brings [suggest], --help and --version
        Assert.Empty(grammar.Root.Options);
        Assert.DoesNotContain(grammar.Diagnose.Options, o => o.Name is "--help" or "--version" || o.Aliases.Contains("-h"));
        Assert.All(grammar.Root.Subcommands.SelectMany(c => c.Options), o => Assert.False(o.Recursive));
    }

    [Fact]
    public void Verb_RandomFirstWords_AsTheHandParser()
    {
        Word.Array[0, 4].Sample(
            args => Assert.Equal(HandParserReference.Verb(args), new ChatOpsBotCommandLine().VerbOf(args)),
            iter: 3000);
    }

    [Fact]
    public void Diagnose_RandomWords_ReadAsTheHandParser()
    {
        Word.Array[0, 7].Sample(
            words => Assert.Equal(HandParserReference.Read(words), Read(words)),
            iter: 20000);
    }

    [Theory]
    [InlineData("--timeout=--json", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.")]
    [InlineData("--timeout --json", "error: --timeout needs a value.")]
    [InlineData("--timeout --bogus", "error: --timeout needs a value.")]
    [InlineData("--timeout:5", "error: Unknown option --timeout:5.")]
    [InlineData("--deep:true", "error: Unknown option --deep:true.")]
    [InlineData("--", "error: Unknown option --.")]
    [InlineData("diagnose", "provider=diagnose|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=|json=False")]
    [InlineData("--json=yes --json --timeout 5 --timeout 7", "provider=|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=70000000|json=True")]
    [InlineData("--model -h", "provider=|key-env=|key-stdin=False|base-url=|model=-h|deep=False|timeout=|json=False")]
    public void Diagnose_WordsTheLibraryReadsOtherwise_ReadAsTheContractSays(string line, string expected)
    {
        var words = line.Split(' ');

        Assert.Equal(expected, Read(words));
        Assert.Equal(expected, HandParserReference.Read(words));
    }

    [Fact]
    public async Task FirstWordIsTheProgramName_UnknownCommandNotSwallowed()
    {
        var result = await CliHarness.RunAsync(["chatopsbot", "diagnose", "openai"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Unknown command \"chatopsbot\".", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseFileWords_AnywhereOnTheLine_FileNeverRead()
    {
        var file = Path.Combine(Path.GetTempPath(), "chatopsbot-rsp-" + Guid.NewGuid().ToString("N") + ".rsp");
        await File.WriteAllTextAsync(file, "diagnose\nopenai\n--model\n" + Key + "\n", TestContext.Current.CancellationToken);
        try
        {
            string[][] lines = [["@" + file], ["diagnose", "@" + file], ["diagnose", "openai", "--model", "@" + file, "--json"], ["chat", "@" + file]];
            foreach (var args in lines)
            {
                var result = await CliHarness.RunAsync(args, new Dictionary<string, string> { ["OPENAI_BASE_URL"] = "http://127.0.0.1:9" }, stdin: "exit\n");

                Assert.DoesNotContain(Key, result.All, StringComparison.Ordinal);
                Assert.DoesNotContain("QQQQQQQQ", result.All, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Read(IReadOnlyList<string> words)
    {
        try
        {
            var read = DiagnoseWords.Read(words);
            return HandParserReference.Describe(read.Provider, read.KeyEnv, read.KeyStdin, read.BaseUrl, read.Model, read.Deep, read.Timeout, read.Json);
        }
        catch (UsageException ex)
        {
            return "error: " + ex.Message;
        }
    }
}

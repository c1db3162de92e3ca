using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using ChatOpsBot.Cli;
using CsCheck;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// System.CommandLine parses the command line (<see cref="ChatOpsBotCommandLine"/>): configured to read no file, know
/// no directive and add no option of its own; on random words it reads as the hand parser did, except in the edge
/// grammar where it follows the library's conventions (<see cref="Divergence"/>), each pinned below.
/// </summary>
public sealed partial class CommandLineGrammarTests
{
    private const string Key = "sk-proj-" + "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";

    private static readonly string[] Valued = ["--key-env", "--base-url", "--model", "--timeout"];

    private static readonly string[] Flags = ["--key-stdin", "--deep", "--json", "--help", "--key", "--api-key"];

    /// <summary>Words near the grammar's edges: options with '=' or ':' values, "--", directives, @files, verbs, keys.</summary>
    private static readonly string[] EdgeWords =
        [
            "--json", "--deep", "--key-stdin", "--key-env", "--base-url", "--model", "--timeout", "--key", "--api-key", "--help", "-h",
            "help", "--version", "--", "-", "---json", "--JSON", "-json", "/json", "-?", "--hel", "--json=yes", "--json:true", "--deep=",
            "--timeout=5", "--timeout:5", "--timeout=", "--timeout=--json", "--model=m", "--model:m", "--key-env=A", "--key-env:A",
            "--base-url=http://127.0.0.1:9", "--base-url:http://x", "--key=" + Key, "-h=x", "--help=x", "--=x", "--x:y=z", "-" + Key,
            "--" + Key, "--" + Key + "=x", "[suggest]", "[diagram]", "[x:y]", "@args.rsp", "@", "diagnose", "chat", "run", "worker",
            "chatopsbot", "openai", "OpenAI", "all", " all ", "claude", "gemini", "google", "midjourney", Key, "15", "0.1", "-5", "A",
            "MY_KEY", "", " ", "abc", "--bogus", "--model=", "--model=--x",
        ];

    private static readonly Gen<string> Word = Gen.Frequency(
        (4, Gen.Int[0, EdgeWords.Length - 1].Select(i => EdgeWords[i])),
        (1, Gen.String[Gen.Char["-=:@[]/._ 0123456789abcdejkmnopstxyAZ"], 0, 14]));

    /// <summary>The edge grammar where the library's convention replaces the hand parser's reading (the report lists why).</summary>
    public enum Divergence
    {
        None,

        /// <summary><c>--</c> ends the options (POSIX): the words after it are words, not an "Unknown option --.".</summary>
        DoubleDashEndsOptions,

        /// <summary><c>--name:value</c> is <c>--name value</c> (the library's other value separator).</summary>
        ColonValue,

        /// <summary><c>--flag=value</c> is the flag and the word <c>value</c> (the library splits it; a flag takes no value).</summary>
        FlagWithValue,

        /// <summary><c>--name=</c> is <c>--name</c> with no value (the library drops an empty inline value).</summary>
        EmptyInlineValue,

        /// <summary><c>--name=--x</c> is <c>--name --x</c> read as its value: a value never starts with <c>--</c>.</summary>
        InlineValueStartingWithDashes,

        /// <summary>A valued option used more than once, on a line with a problem: its problem sits at its first use.</summary>
        RepeatedOptionWithProblem,
    }

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
        Assert.DoesNotContain(grammar.Diagnose.Options, o => o is HelpOption or VersionOption || o.Action is not null);
        Assert.DoesNotContain(grammar.Diagnose.Options, o => o.Name == "--version" || o.Aliases.Contains("-h") || o.Aliases.Contains("--version"));
        Assert.All(grammar.Root.Subcommands.SelectMany(c => c.Options), o => Assert.False(o.Recursive));
        Assert.False(grammar.Diagnose.TreatUnmatchedTokensAsErrors); // unmatched words are said in our words
    }

    [Fact]
    public void Verb_RandomFirstWords_AsTheHandParser()
    {
        Word.Array[0, 4].Sample(
            args => Assert.Equal(HandParserReference.Verb(args), new ChatOpsBotCommandLine().VerbOf(args)),
            iter: 3000);
    }

    /// <summary>Outside the divergence classes, exactly the hand parser's reading: values, or the first problem's text.</summary>
    [Fact]
    public void Diagnose_RandomWords_OutsideTheDivergences_ReadAsTheHandParser()
    {
        var compared = 0;
        Word.Array[0, 7].Sample(
            words =>
            {
                var actual = Read(words);
                Assert.Matches(OurTexts(), actual); // never the library's English, in any class
                Assert.False(actual.StartsWith("error:", StringComparison.Ordinal) && actual.Contains("QQQQQQQQ", StringComparison.Ordinal), actual);
                var expected = HandParserReference.WantsHelp(words) ? "help" : HandParserReference.Read(words);
                switch (Classify(words))
                {
                    case Divergence.None:
                        Assert.Equal(expected, actual);
                        compared++;
                        break;
                    case Divergence.RepeatedOptionWithProblem when !expected.StartsWith("error:", StringComparison.Ordinal):
                        Assert.Equal(expected, actual); // last wins, as before
                        break;
                    case Divergence.RepeatedOptionWithProblem:
                        Assert.StartsWith("error:", actual, StringComparison.Ordinal);
                        break;
                }
            },
            iter: 20000);
        Assert.True(compared > 10000, $"only {compared} of 20000 lines compared");
    }

    [Theory]
    [InlineData("--timeout --json", "error: --timeout needs a value.")]
    [InlineData("--timeout --bogus", "error: --timeout needs a value.")]
    [InlineData("--model --" + Key, "error: --model needs a value.")]
    [InlineData("--timeout", "error: --timeout needs a value.")]
    [InlineData("diagnose", "provider=diagnose|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=|json=False")]
    [InlineData("--json --json --timeout 5 --timeout 7", "provider=|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=70000000|json=True")]
    [InlineData("--model -h", "provider=|key-env=|key-stdin=False|base-url=|model=-h|deep=False|timeout=|json=False")]
    [InlineData("--bogus=" + Key, "error: Unknown option --bogus.")]
    [InlineData("openai extra --timeout abc", "error: Unexpected word \"extra\": give one provider.")]
    [InlineData("--timeout abc openai extra", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.")]
    [InlineData("-x --key abc", "error: Unknown option -x.")]
    [InlineData("--key=" + Key, "error: A key is never taken from the command line (it would stay in your shell history). Use --key-env NAME or --key-stdin.")]
    public void Diagnose_WordsTheLibraryReadsOtherwise_ReadAsTheContractSays(string line, string expected)
    {
        var words = line.Split(' ');

        Assert.Equal(Divergence.None, Classify(words));
        Assert.Equal(expected, Read(words));
        Assert.Equal(expected, HandParserReference.WantsHelp(words) ? "help" : HandParserReference.Read(words));
    }

    [Theory]
    [InlineData(Divergence.DoubleDashEndsOptions, "openai --", "provider=openai|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=|json=False", "error: Unknown option --.")]
    [InlineData(Divergence.DoubleDashEndsOptions, "-- openai --json", "error: Unexpected word \"--json\": give one provider.", "error: Unknown option --.")]
    [InlineData(Divergence.DoubleDashEndsOptions, "--json -- -x", "provider=-x|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=|json=True", "error: Unknown option --.")]
    [InlineData(Divergence.ColonValue, "--timeout:5", "provider=|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=50000000|json=False", "error: Unknown option --timeout:5.")]
    [InlineData(Divergence.ColonValue, "--key-env:A", "provider=|key-env=A|key-stdin=False|base-url=|model=|deep=False|timeout=|json=False", "error: Unknown option --key-env:A.")]
    [InlineData(Divergence.ColonValue, "--deep:", "provider=|key-env=|key-stdin=False|base-url=|model=|deep=True|timeout=|json=False", "error: Unknown option --deep:.")]
    [InlineData(Divergence.FlagWithValue, "openai --json=yes", "error: Unexpected word \"yes\": give one provider.", "provider=openai|key-env=|key-stdin=False|base-url=|model=|deep=False|timeout=|json=True")]
    [InlineData(Divergence.FlagWithValue, "--deep=true", "provider=true|key-env=|key-stdin=False|base-url=|model=|deep=True|timeout=|json=False", "provider=|key-env=|key-stdin=False|base-url=|model=|deep=True|timeout=|json=False")]
    [InlineData(Divergence.FlagWithValue, "openai --help=x", "help", "error: Unknown option --help.")]
    [InlineData(Divergence.EmptyInlineValue, "--timeout=", "error: --timeout needs a value.", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.")]
    [InlineData(Divergence.EmptyInlineValue, "--model=", "error: --model needs a value.", "error: --model needs a model name, e.g. --model gpt-4o-mini.")]
    [InlineData(Divergence.InlineValueStartingWithDashes, "--timeout=--json", "error: --timeout needs a value.", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.")]
    [InlineData(Divergence.InlineValueStartingWithDashes, "--model=--x", "error: --model needs a value.", "provider=|key-env=|key-stdin=False|base-url=|model=--x|deep=False|timeout=|json=False")]
    [InlineData(Divergence.RepeatedOptionWithProblem, "--timeout 5 -x --timeout abc", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.", "error: Unknown option -x.")]
    [InlineData(Divergence.RepeatedOptionWithProblem, "--timeout 5 --timeout", "error: --timeout needs a value.", "error: --timeout needs a value.")]
    [InlineData(Divergence.RepeatedOptionWithProblem, "--timeout abc --timeout", "error: --timeout needs a value.", "error: --timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.")]
    public void Diagnose_Divergence_TheLibrarysConvention(Divergence divergence, string line, string expected, string handParser)
    {
        var words = line.Split(' ');

        Assert.Equal(divergence, Classify(words));
        Assert.Equal(expected, Read(words));
        Assert.Equal(handParser, HandParserReference.WantsHelp(words) ? "help" : HandParserReference.Read(words));
    }

    [Fact]
    public void Diagnose_SeveralProblems_AllInOurWords_InTheOrderOfTheirWords()
    {
        var problems = DiagnoseWords.Problems(["extra0", "--timeout", "abc", "-x", "--key", Key, "--model", "--", "y"]);

        Assert.Equal(
            [
                "--timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.",
                "Unknown option -x.",
                "A key is never taken from the command line (it would stay in your shell history). Use --key-env NAME or --key-stdin.",
                "That looks like a key: never put a key on the command line. Use --key-env NAME or --key-stdin.",
                "--model needs a value.",
                "Unexpected word \"y\": give one provider.",
            ],
            problems);
    }

    [Theory]
    [InlineData("--help", true)]
    [InlineData("openai --model --help", true)]
    [InlineData("-h", true)]
    [InlineData("help openai", true)]
    [InlineData("openai -h", false)]
    [InlineData("openai help", false)]
    [InlineData("--model -h", false)]
    [InlineData("--help=x", true)]
    [InlineData("-- --help", false)]
    public void Diagnose_Help_TheOptionAnywhereOrTheFirstWord(string line, bool help)
    {
        var words = line.Split(' ');

        Assert.Equal(help, DiagnoseWords.WantsHelp(words));
        if (Classify(words) == Divergence.None)
        {
            Assert.Equal(help, HandParserReference.WantsHelp(words));
        }
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

    /// <summary>The divergence class of a line (the first that applies), or None where the hand parser's reading must hold.</summary>
    public static Divergence Classify(IReadOnlyList<string> words)
    {
        if (words.Contains("--"))
        {
            return Divergence.DoubleDashEndsOptions;
        }

        foreach (var word in words)
        {
            var separator = word.IndexOfAny([':', '=']);
            var name = separator < 0 ? word : word[..separator];
            if (separator < 0 || !(Valued.Contains(name) || Flags.Contains(name)))
            {
                continue;
            }

            var value = word[(separator + 1)..];
            if (word[separator] == ':')
            {
                return Divergence.ColonValue;
            }

            if (Flags.Contains(name) && value.Length > 0 && name is not ("--key" or "--api-key"))
            {
                return Divergence.FlagWithValue;
            }

            if (Valued.Contains(name) && value.Length == 0)
            {
                return Divergence.EmptyInlineValue;
            }

            if (Valued.Contains(name) && value.StartsWith("--", StringComparison.Ordinal))
            {
                return Divergence.InlineValueStartingWithDashes;
            }
        }

        var repeated = Valued.Any(v => words.Count(w => w == v || w.StartsWith(v + "=", StringComparison.Ordinal)) > 1);
        return repeated && Read(words).StartsWith("error:", StringComparison.Ordinal)
            ? Divergence.RepeatedOptionWithProblem
            : Divergence.None;
    }

    /// <summary>As the app reads a line: the usage text when asked for, else the values or the first problem.</summary>
    private static string Read(IReadOnlyList<string> words)
    {
        if (DiagnoseWords.WantsHelp(words))
        {
            return "help";
        }

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

    /// <summary>Values, or one of our usage texts (DiagnoseRules, DiagnoseArguments.ParseBaseUrl).</summary>
    [GeneratedRegex(@"^(help|provider=.*|error: (--[a-z-]+ needs a value\.|Unknown option .*\.|Unexpected word "".*"": give one provider\.|That looks like a key: .*|A key is never taken from .*|--key-env takes the NAME .*|--model needs a model name.*|--timeout takes a number .*|--base-url (must be|may not) .*))$", RegexOptions.Singleline)]
    private static partial Regex OurTexts();
}

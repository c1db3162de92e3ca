using System.Globalization;
using ChatOpsBot.Cli;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// How the hand-written parser (before System.CommandLine) read a command line, kept as the reference the new reading
/// is compared with on random words: its verb switch, and its left-to-right loop over <c>diagnose</c>'s words.
/// </summary>
internal static class HandParserReference
{
    public static ChatOpsBotCommandLine.Verb Verb(string[] args) => (args.Length > 0 ? args[0] : null) switch
    {
        null or "run" or "worker" => ChatOpsBotCommandLine.Verb.Worker,
        "-h" or "--help" or "help" => ChatOpsBotCommandLine.Verb.Help,
        "diagnose" => ChatOpsBotCommandLine.Verb.Diagnose,
        "chat" => ChatOpsBotCommandLine.Verb.Chat,
        _ => ChatOpsBotCommandLine.Verb.Unknown,
    };

    /// <summary>Whether the words after <c>diagnose</c> asked for its usage text, as before.</summary>
    public static bool WantsHelp(IReadOnlyList<string> words) =>
        words is ["-h" or "--help" or "help", ..] || words.Contains("--help");

    /// <summary>The words after <c>diagnose</c>, read as before; the first problem's message, or the values.</summary>
    public static string Read(IReadOnlyList<string> args)
    {
        string? providerWord = null, keyEnv = null, model = null;
        Uri? baseUrl = null;
        TimeSpan? timeout = null;
        bool keyStdin = false, deep = false, json = false;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                string? inline = null;
                if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 2)
                {
                    inline = arg[(eq + 1)..];
                    arg = arg[..eq];
                }

                string Value()
                {
                    if (inline is not null)
                    {
                        return inline;
                    }

                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"{arg} needs a value.");
                    }

                    return args[++i];
                }

                switch (arg)
                {
                    case "--key-env":
                        keyEnv = Value();
                        if (keyEnv.Length == 0 || keyEnv.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
                        {
                            throw new UsageException("--key-env takes the NAME of an environment variable (letters, digits, _), not a key.");
                        }

                        break;
                    case "--key-stdin":
                        keyStdin = true;
                        break;
                    case "--base-url":
                        baseUrl = DiagnoseArguments.ParseBaseUrl(Value(), "--base-url");
                        break;
                    case "--model":
                        model = Value().Trim();
                        if (model.Length == 0)
                        {
                            throw new UsageException("--model needs a model name, e.g. --model gpt-4o-mini.");
                        }

                        break;
                    case "--deep":
                        deep = true;
                        break;
                    case "--json":
                        json = true;
                        break;
                    case "--timeout":
                        var text = Value();
                        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                            || !double.IsFinite(seconds) || seconds < 0.1 || seconds > 600)
                        {
                            throw new UsageException("--timeout takes a number of seconds from 0.1 to 600, e.g. --timeout 15.");
                        }

                        timeout = TimeSpan.FromSeconds(seconds);
                        break;
                    case "--key":
                    case "--api-key":
                        throw new UsageException("A key is never taken from the command line (it would stay in your shell history). Use --key-env NAME or --key-stdin.");
                    default:
                        if (arg.StartsWith('-'))
                        {
                            throw new UsageException(LooksLikeKey(arg.TrimStart('-'))
                                ? "That looks like a key: never put a key on the command line. Use --key-env NAME or --key-stdin."
                                : $"Unknown option {arg}.");
                        }

                        if (providerWord is not null)
                        {
                            throw new UsageException(LooksLikeKey(arg)
                                ? "That looks like a key: never put a key on the command line. Use --key-env NAME or --key-stdin."
                                : $"Unexpected word \"{arg}\": give one provider.");
                        }

                        providerWord = arg;
                        break;
                }
            }
        }
        catch (UsageException ex)
        {
            return "error: " + ex.Message;
        }

        return Describe(providerWord, keyEnv, keyStdin, baseUrl, model, deep, timeout, json);
    }

    /// <summary>The values read, in one line to compare.</summary>
    public static string Describe(string? provider, string? keyEnv, bool keyStdin, Uri? baseUrl, string? model, bool deep, TimeSpan? timeout, bool json) =>
        $"provider={provider}|key-env={keyEnv}|key-stdin={keyStdin}|base-url={baseUrl}|model={model}|deep={deep}|timeout={timeout?.Ticks}|json={json}";

    private static bool LooksLikeKey(string word) => word.Length >= 20 && !word.Contains(' ', StringComparison.Ordinal);
}

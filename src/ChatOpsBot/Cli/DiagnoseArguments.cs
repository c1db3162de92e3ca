using System.Globalization;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Cli;

/// <summary>The parsed arguments of <c>chatopsbot diagnose</c> (docs/contract.md, CLI).</summary>
public sealed record DiagnoseArguments
{
    public const string Usage = """
        Usage: chatopsbot diagnose <openai|anthropic|gemini|all> [options]

        Providers: openai (alias chatgpt), anthropic (alias claude), gemini (alias google), all

        Options:
          --key-env NAME      read the key from this environment variable
                              (default: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY)
          --key-stdin         read the key from standard input
          --base-url URL      the provider's API root, e.g. a gateway or a local fake
          --model NAME        also check access to this model
          --deep              also send a 1-token request (may cost a tiny amount)
          --timeout SECONDS   the deadline of the whole diagnosis (default 15)
          --json              machine-readable output on stdout

        For all: OPENAI_BASE_URL, ANTHROPIC_BASE_URL and GEMINI_BASE_URL move each provider's root.
        A key is never taken from the command line itself.
        Exit status: 0 every provider ok, 1 any verdict is an error, 2 bad usage.
        """;

    private const double MinTimeoutSeconds = 0.1;
    private const double MaxTimeoutSeconds = 600;

    /// <summary>The providers to diagnose, in order.</summary>
    public required IReadOnlyList<ProviderId> Providers { get; init; }

    /// <summary>True for <c>all</c>: the providers whose key variable is set (docs/contract.md), chosen when keys are read.</summary>
    public bool All { get; init; }

    public string? KeyEnv { get; init; }

    public bool KeyStdin { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? Model { get; init; }

    public bool Deep { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Json { get; init; }

    /// <summary>Parses the words after <c>diagnose</c>.</summary>
    /// <exception cref="UsageException">The words are not a valid diagnose command.</exception>
    public static DiagnoseArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? providerWord = null;
        string? keyEnv = null, model = null;
        Uri? baseUrl = null;
        TimeSpan? timeout = null;
        bool keyStdin = false, deep = false, json = false;

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
                    baseUrl = ParseBaseUrl(Value(), "--base-url");
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
                    // NaN and infinities pass any range check (every comparison with NaN is false): ask for finite first.
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !double.IsFinite(seconds) || seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds)
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

        if (providerWord is null)
        {
            throw new UsageException("Name a provider to diagnose.");
        }

        IReadOnlyList<ProviderId> providers;
        if (string.Equals(providerWord.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            providers = ProviderCatalog.All;
            if (keyEnv is not null || keyStdin || baseUrl is not null || model is not null)
            {
                throw new UsageException("--key-env, --key-stdin, --base-url and --model name one provider's key, root or model: use them with one provider, not all.");
            }
        }
        else if (ProviderCatalog.TryParse(providerWord, out var id))
        {
            providers = [id.Value];
        }
        else
        {
            throw new UsageException(LooksLikeKey(providerWord)
                ? "That looks like a key: never put a key on the command line. Use --key-env NAME or --key-stdin."
                : $"Unknown provider \"{providerWord}\".");
        }

        if (keyEnv is not null && keyStdin)
        {
            throw new UsageException("Use either --key-env or --key-stdin, not both.");
        }

        return new DiagnoseArguments
        {
            Providers = providers,
            All = string.Equals(providerWord.Trim(), "all", StringComparison.OrdinalIgnoreCase),
            KeyEnv = keyEnv,
            KeyStdin = keyStdin,
            BaseUrl = baseUrl,
            Model = model,
            Deep = deep,
            Timeout = timeout,
            Json = json,
        };
    }

    /// <summary>An absolute http(s) URL, or a usage error naming where it came from.</summary>
    public static Uri ParseBaseUrl(string text, string from)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{from} must be an absolute http(s) URL, e.g. https://api.openai.com or http://127.0.0.1:4000/v1.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query))
        {
            throw new UsageException($"{from} may not carry credentials or a query string: pass the key with --key-env or --key-stdin.");
        }

        return uri;
    }

    private static bool LooksLikeKey(string word) => word.Length >= 20 && !word.Contains(' ', StringComparison.Ordinal);
}

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

    /// <summary>The providers to diagnose, in order.</summary>
    public required IReadOnlyList<ProviderId> Providers { get; init; }

    public string? KeyEnv { get; init; }

    public bool KeyStdin { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? Model { get; init; }

    public bool Deep { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Json { get; init; }

    /// <summary>Parses the words after <c>diagnose</c> (read by System.CommandLine: <see cref="DiagnoseWords"/>).</summary>
    /// <exception cref="UsageException">The words are not a valid diagnose command.</exception>
    public static DiagnoseArguments Parse(IReadOnlyList<string> args)
    {
        var words = DiagnoseWords.Read(args);
        var providerWord = words.Provider;
        var (keyEnv, keyStdin, baseUrl, model) = (words.KeyEnv, words.KeyStdin, words.BaseUrl, words.Model);

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
            throw new UsageException(DiagnoseRules.LooksLikeKey(providerWord)
                ? DiagnoseRules.KeyLookingWord
                : $"Unknown provider \"{providerWord}\".");
        }

        if (keyEnv is not null && keyStdin)
        {
            throw new UsageException("Use either --key-env or --key-stdin, not both.");
        }

        return new DiagnoseArguments
        {
            Providers = providers,
            KeyEnv = keyEnv,
            KeyStdin = keyStdin,
            BaseUrl = baseUrl,
            Model = model,
            Deep = words.Deep,
            Timeout = words.Timeout,
            Json = words.Json,
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
}

using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Cli;

/// <summary>The parsed arguments of <c>chatopsbot diagnose</c> (docs/contract.md, CLI).</summary>
public sealed record DiagnoseArguments
{
    /// <summary>The usage text, its provider lines read from the registry.</summary>
    public static string Usage { get; } = DiagnoseUsage.Build();

    /// <summary>The providers to diagnose, in order (for <c>all</c>: every registered one; <see cref="AllProviders"/> narrows them).</summary>
    public required IReadOnlyList<ProviderId> Providers { get; init; }

    /// <summary>True when the word was <c>all</c>: the providers are those whose key variable is set (<see cref="AllProviders"/>).</summary>
    public bool All { get; init; }

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
                : UnknownProvider(providerWord));
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

    /// <summary>The message for a provider word that names no provider: the names it could have been.</summary>
    public static string UnknownProvider(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var shown = word.Length > 40 ? word[..40] + "…" : word;
        return $"Unknown provider \"{shown}\". Providers: {ProviderCatalog.UsageList}.";
    }
}

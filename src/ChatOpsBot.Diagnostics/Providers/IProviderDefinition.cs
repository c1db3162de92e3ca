namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Everything provider-specific about probing: how to build each request and how to read each answer.
/// Implementations are pure (no I/O), so classifiers are tested on recorded answers directly.
/// </summary>
public interface IProviderDefinition
{
    /// <summary>The provider's names, variables, settings, key shapes and pages, as data.</summary>
    ProviderDescriptor Descriptor { get; }

    /// <summary>The provider: <see cref="ProviderDescriptor.Id"/>.</summary>
    ProviderId Id { get; }

    /// <summary>
    /// Builds the request for <paramref name="kind"/>. The path is appended to <paramref name="baseUrl"/> as the
    /// provider's SDKs do (docs/contract.md, Providers). Returns null when the probe does not apply (e.g. Model without a model).
    /// </summary>
    HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model);

    /// <summary>
    /// Reads an answer the provider-neutral checks left over (<see cref="AnswerReader"/>: never a success of the
    /// auth, model or deep probe; an account check's success, yes). Never throws on odd input.
    /// </summary>
    Finding Classify(ProbeReading reading);

    /// <summary>
    /// Reads an HTML page the provider itself is known to answer with (Perplexity refuses a key with an openresty 401
    /// page), which the shared reading would otherwise call unexpected. Null: not one of its pages (the default).
    /// </summary>
    Finding? ClassifyPage(ProbeReading reading) => null;

    /// <summary>A sentence saying what the deep check does and what it may cost, for the output.</summary>
    string DeepCheckDescription { get; }
}

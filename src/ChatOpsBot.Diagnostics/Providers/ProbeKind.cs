namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>The HTTP probes a provider can run.</summary>
public enum ProbeKind
{
    /// <summary>List models: authenticates without spending tokens.</summary>
    Auth,

    /// <summary>Get one model: does it exist, may this key use it.</summary>
    Model,

    /// <summary>The cheapest call that reveals an exhausted quota.</summary>
    Deep,

    /// <summary>
    /// A free account check after a successful <see cref="Auth"/> (credits left, key blocked): its findings report
    /// under the auth stage. Providers with no such endpoint return no request for it.
    /// </summary>
    Account,
}

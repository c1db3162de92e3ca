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
}

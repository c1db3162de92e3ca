namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>What a <see cref="NextStepsTemplate"/> fills in: the provider's pages, its name and its key variable.</summary>
internal sealed record NextStepsContext(ProviderPages Pages, string Name, string EnvVar)
{
    /// <summary>Said where no provider's own variable applies (no provider, or Midjourney, which has no key).</summary>
    public const string AnyEnvVar = "the key's environment variable";
}

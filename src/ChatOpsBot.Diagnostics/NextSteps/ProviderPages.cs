namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>A provider's console pages and API facts that next steps point at.</summary>
internal sealed record ProviderPages(
    string Keys, string Billing, string Limits, string Console, string Status, string Regions, string EnableApi,
    string Models, string Host, string ProbeUrl, string HeaderHint)
{
    /// <summary>For no provider in particular (and for Midjourney, which has no API console).</summary>
    public static ProviderPages Generic { get; } = new(
        "the provider's console", "the provider's billing page", "the provider's limits page", "the provider's console",
        "the provider's status page", "the provider's list of supported countries", "the provider's console",
        "the provider's model list", "the API host", "the API URL", "the provider's documented auth header");
}

using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.TeamKeys;

/// <summary>A validated team key: its name and where its value lives (never the value).</summary>
/// <param name="Name">The name users type.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="KeyEnv">The environment variable holding it, or null.</param>
/// <param name="KeyFile">The file holding it, or null.</param>
/// <param name="Model">A model to check, or null.</param>
/// <param name="BaseUrl">A custom API root, or null.</param>
/// <param name="Setting">The setting that defines it (<c>TeamKeys:0</c>), for messages.</param>
public sealed record TeamKey(string Name, ProviderId Provider, string? KeyEnv, string? KeyFile, string? Model, Uri? BaseUrl, string Setting)
{
    /// <summary>Where the value is read from, for messages ("environment variable PROD_OPENAI_KEY").</summary>
    public string Origin => KeyEnv is not null ? KeyEnv : $"file {KeyFile}";

    /// <summary>Name, provider and where the value lives; the base URL without its user info (it may hold a password).</summary>
    public override string ToString() =>
        $"TeamKey {{ Name = {Name}, Provider = {Provider.Wire()}, Origin = {Origin}, Model = {Model}, BaseUrl = {(BaseUrl is null ? "" : Diagnostics.Redaction.UrlDisplay.Show(BaseUrl))} }}";
}

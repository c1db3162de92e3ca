namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>One provider's revocation settings: where its admin key is read from, and its admin API root.</summary>
public sealed class RevocationProviderOptions
{
    /// <summary>The environment variable holding the admin (management) key. Never the key itself.</summary>
    public string? AdminKeyEnv { get; set; }

    /// <summary>A file holding the admin key (a mounted secret). Never the key itself.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>
    /// The admin API root, in the form of <c>Providers:&lt;Provider&gt;:BaseUrl</c> (API paths such as <c>/v1/…</c> are
    /// appended). Null: the provider's own admin host. Never taken from <c>Providers:*</c>: a gateway there must not
    /// see an admin key.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gemini only: a Google Cloud service account's JSON key file (Google's API Keys API needs an OAuth token).</summary>
    public string? ServiceAccountFile { get; set; }

    /// <summary>True when an admin credential is configured: the provider's opt-in.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AdminKeyEnv) || !string.IsNullOrWhiteSpace(AdminKeyFile) || !string.IsNullOrWhiteSpace(ServiceAccountFile);
}

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>What a revoker needs for one leaked key. Holds secrets: never logged (<see cref="ToString"/> shows none).</summary>
/// <param name="LeakedKey">The leaked key.</param>
/// <param name="KeyShown">Its shown form.</param>
/// <param name="AdminKey">The provider's admin (management) key.</param>
/// <param name="AdminBaseUrl">The admin API root.</param>
/// <param name="ApiBaseUrl">The provider's inference API root, for calls made with the leaked key itself.</param>
/// <param name="DryRun">Identify only; change nothing.</param>
public sealed record RevocationRequest(string LeakedKey, string KeyShown, string AdminKey, Uri AdminBaseUrl, Uri ApiBaseUrl, bool DryRun)
{
    /// <summary>
    /// A credential file the revoker reads itself, at each use (Gemini: a service account's JSON key); then
    /// <see cref="AdminKey"/> is empty.
    /// </summary>
    public string? CredentialFile { get; init; }

    public override string ToString() => $"revocation of {KeyShown}";
}

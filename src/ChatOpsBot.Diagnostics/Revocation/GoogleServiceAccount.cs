using System.Security.Cryptography;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// A Google Cloud service account's JSON key file, as the Cloud console downloads it
/// (https://cloud.google.com/iam/docs/keys-create-delete): <c>type</c> "service_account", <c>client_email</c>,
/// <c>private_key</c> (PKCS#8 PEM), <c>private_key_id</c>, <c>token_uri</c>, <c>project_id</c>. Read at each use, so a
/// rotated file is picked up. <see cref="ToString"/> shows no secret.
/// </summary>
internal sealed class GoogleServiceAccount
{
    /// <summary>Larger than any real key file (about 2.3 KB): a wrong path to a big file is refused, not read whole.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private GoogleServiceAccount(string clientEmail, string privateKeyPem, string privateKeyId, Uri tokenUri, string? projectId)
    {
        ClientEmail = clientEmail;
        PrivateKeyPem = privateKeyPem;
        PrivateKeyId = privateKeyId;
        TokenUri = tokenUri;
        ProjectId = projectId;
    }

    public string ClientEmail { get; }

    /// <summary>The private key, PEM. A secret.</summary>
    public string PrivateKeyPem { get; }

    public string PrivateKeyId { get; }

    /// <summary>Where access tokens come from (the JWT's <c>aud</c>).</summary>
    public Uri TokenUri { get; }

    public string? ProjectId { get; }

    /// <summary>The base64 body of the private key, without the PEM armour and line breaks: what a scrubber should know.</summary>
    public string PrivateKeyBody => string.Concat(PrivateKeyPem.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));

    /// <summary>
    /// Reads <paramref name="path"/>. On failure <paramref name="problem"/> says what is wrong in words that name the
    /// file but never quote its content.
    /// </summary>
    public static GoogleServiceAccount? Read(string path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = $"the service account file {path} does not exist";
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                problem = $"the service account file {path} is {info.Length / 1024} KB, too big for a service account key";
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"the service account file {path} cannot be read ({ex.GetType().Name})";
            return null;
        }

        GoogleServiceAccountJson? json;
        try
        {
            json = JsonSerializer.Deserialize(bytes, RevocationJsonContext.Default.GoogleServiceAccountJson);
        }
        catch (JsonException)
        {
            problem = $"the service account file {path} is not JSON (expected a service account key downloaded from the Cloud console)";
            return null;
        }

        if (json is null || json.Type != "service_account")
        {
            problem = $"the service account file {path} is not a service account key (its \"type\" must be \"service_account\")";
            return null;
        }

        var missing = new[]
        {
            ("client_email", json.ClientEmail), ("private_key", json.PrivateKey), ("private_key_id", json.PrivateKeyId), ("token_uri", json.TokenUri),
        }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            problem = $"the service account file {path} lacks {string.Join(", ", missing)}";
            return null;
        }

        if (!Uri.TryCreate(json.TokenUri, UriKind.Absolute, out var tokenUri) || !IsSafeTokenUri(tokenUri))
        {
            problem = $"the service account file {path} has a token_uri that is not an https URL";
            return null;
        }

        if (!IsUsableKey(json.PrivateKey!))
        {
            problem = $"the private_key in the service account file {path} is not an RSA private key in PEM form";
            return null;
        }

        problem = null;
        return new GoogleServiceAccount(json.ClientEmail!.Trim(), json.PrivateKey!, json.PrivateKeyId!.Trim(), tokenUri, json.ProjectId);
    }

    public override string ToString() => $"service account {ClientEmail}";

    /// <summary>https, or http to this machine only (a test's token endpoint): the signed assertion is a credential.</summary>
    private static bool IsSafeTokenUri(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private static bool IsUsableKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}

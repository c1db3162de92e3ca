using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// A Google service account JSON key file made for a test: a fresh RSA 2048 key, written to a temporary file with
/// the fields of a key the Cloud console downloads (https://cloud.google.com/iam/docs/keys-create-delete; field list
/// as google-auth-library documents the file). Every value is generated; <see cref="Dispose"/> deletes the file.
/// </summary>
public sealed class TestServiceAccount : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public TestServiceAccount(Uri tokenUri, string projectId = "gen-lang-client-0123456789", string name = "chatopsbot-revoker")
    {
        ArgumentNullException.ThrowIfNull(tokenUri);
        TokenUri = tokenUri;
        ProjectId = projectId;
        ClientEmail = $"{name}@{projectId}.iam.gserviceaccount.com";
        PrivateKeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        PrivateKeyPem = _rsa.ExportPkcs8PrivateKeyPem() + "\n";
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sa-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, Json().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public string Path { get; }

    public string ClientEmail { get; }

    public string PrivateKeyId { get; }

    /// <summary>The private key, PKCS#8 PEM (a secret: tests assert it never leaks).</summary>
    public string PrivateKeyPem { get; }

    /// <summary>The private key's base64 body, what leak checks look for.</summary>
    public string PrivateKeyBody => string.Concat(PrivateKeyPem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));

    public string ProjectId { get; }

    public Uri TokenUri { get; }

    /// <summary>The public half, as Google keeps it to check the JWT's signature.</summary>
    public RSAParameters PublicKey => _rsa.ExportParameters(false);

    /// <summary>The file's JSON (the shape of a downloaded key).</summary>
    public JsonObject Json() => new()
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = PrivateKeyId,
        ["private_key"] = PrivateKeyPem,
        ["client_email"] = ClientEmail,
        ["client_id"] = "113374925561830651234",
        ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
        ["token_uri"] = TokenUri.ToString(),
        ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
        ["client_x509_cert_url"] = $"https://www.googleapis.com/robot/v1/metadata/x509/{Uri.EscapeDataString(ClientEmail)}",
        ["universe_domain"] = "googleapis.com",
    };

    /// <summary>Rewrites the file with another private key under the same id (one Google has never seen); returns that PEM.</summary>
    public string WriteForeignKey()
    {
        using var other = RSA.Create(2048);
        var pem = other.ExportPkcs8PrivateKeyPem() + "\n";
        var json = Json();
        json["private_key"] = pem;
        File.WriteAllText(Path, json.ToJsonString());
        return pem;
    }

    public void Dispose()
    {
        _rsa.Dispose();
        File.Delete(Path);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// Google's OAuth 2.0 token endpoint for service accounts on a <see cref="FakeProviderServer"/> (<c>POST /token</c>),
/// checking the JWT bearer grant as "Using OAuth 2.0 for Server to Server Applications" describes
/// (https://developers.google.com/identity/protocols/oauth2/service-account, RFC 7523): form body with
/// <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c> and <c>assertion</c>; the JWT's header
/// <c>{"alg":"RS256","typ":"JWT","kid":…}</c>, its RS256 signature checked with the public half of the account's key,
/// <c>iss</c> the account, <c>aud</c> this endpoint, <c>scope</c>, <c>iat</c>/<c>exp</c> at most an hour apart around
/// the fake's clock. The success body is the documented one (<c>access_token</c>, <c>expires_in</c>,
/// <c>token_type</c> "Bearer"; the token's <c>ya29.</c> form and <c>3599</c> as Google's real answers show them).
/// Errors are <c>{"error","error_description"}</c> with 400: "Invalid JWT Signature." and "Invalid JWT: Token must be
/// a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
/// and "Invalid grant: account not found" are real answers people pasted (googleapis/google-cloud-python#10004,
/// googleapis/google-api-php-client#1501); the wording for a wrong <c>aud</c>, a missing scope, a wrong grant type and a
/// malformed JWT is filled in.
/// </summary>
public sealed class FakeGoogleOAuth
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _assertions = new();
    private readonly Func<DateTimeOffset> _now;
    private readonly RSAParameters _publicKey;

    public FakeGoogleOAuth(FakeProviderServer server, TestServiceAccount account, Func<DateTimeOffset>? now = null)
        : this(server, account.ClientEmail, account.PrivateKeyId, account.PublicKey, now)
    {
    }

    private FakeGoogleOAuth(FakeProviderServer server, string clientEmail, string keyId, RSAParameters publicKey, Func<DateTimeOffset>? now)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        ClientEmail = clientEmail;
        KeyId = keyId;
        _publicKey = publicKey;
        _now = now ?? TimeProvider.System.GetUtcNow;
        server.On("POST", "/token", Token);
    }

    /// <summary>The token endpoint for a service account file's <c>token_uri</c>.</summary>
    public static Uri TokenUrl(FakeProviderServer server) => new(server?.BaseUrl ?? throw new ArgumentNullException(nameof(server)), "/token");

    public FakeProviderServer Server { get; }

    public string ClientEmail { get; }

    public string KeyId { get; }

    /// <summary>Every access token issued so far.</summary>
    public IReadOnlyCollection<string> Issued => [.. _issued.Keys];

    /// <summary>Every JWT assertion received (secrets: tests check they never leak).</summary>
    public IReadOnlyCollection<string> Assertions => [.. _assertions];

    /// <summary>The lifetime the fake grants (Google answers 3599).</summary>
    public int ExpiresIn { get; set; } = 3599;

    /// <summary>True when <paramref name="token"/> was issued here and has not expired by the fake's clock.</summary>
    public bool IsValid(string? token) => token is not null && _issued.TryGetValue(token, out var until) && _now() < until;

    /// <summary>Makes every issued token invalid (revoked early): the API answers 401 to them.</summary>
    public void RevokeAll()
    {
        foreach (var token in _issued.Keys)
        {
            _issued[token] = DateTimeOffset.MinValue;
        }
    }

    private FakeResponse Token(RecordedRequest request)
    {
        if (request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Error("invalid_request", "Invalid request: the body must be application/x-www-form-urlencoded.");
        }

        var form = Form(request.Body);
        if (!form.TryGetValue("grant_type", out var grant) || grant != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return Error("unsupported_grant_type", "Invalid grant_type: " + grant);
        }

        if (!form.TryGetValue("assertion", out var assertion) || assertion.Split('.') is not [var h, var c, var s])
        {
            return Error("invalid_request", "Invalid JWT format.");
        }

        _assertions.Enqueue(assertion);
        JsonNode? header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Decode(h));
            claims = JsonNode.Parse(Decode(c));
            signature = Decode(s);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return Error("invalid_request", "Invalid JWT format.");
        }

        if ((string?)header?["alg"] != "RS256" || (string?)header?["typ"] != "JWT" || (string?)header?["kid"] != KeyId)
        {
            return Error("invalid_grant", "Invalid JWT Signature.");
        }

        using (var rsa = RSA.Create(_publicKey))
        {
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes(h + "." + c), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Error("invalid_grant", "Invalid JWT Signature.");
            }
        }

        if ((string?)claims?["iss"] != ClientEmail)
        {
            return Error("invalid_grant", "Invalid grant: account not found");
        }

        if ((string?)claims?["aud"] != TokenUrl(Server).ToString())
        {
            return Error("invalid_grant", "Invalid JWT: Failed audience check.");
        }

        if ((string?)claims?["scope"] is not { } scope || !scope.Split(' ').Contains("https://www.googleapis.com/auth/cloud-platform"))
        {
            return Error("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        }

        var now = _now().ToUnixTimeSeconds();
        var iat = (long?)claims?["iat"] ?? 0;
        var exp = (long?)claims?["exp"] ?? 0;
        if (exp - iat > 3600 || exp <= iat || iat > now + 300 || exp < now)
        {
            return Error("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }

        var token = "ya29.c.c0ASRK0Ga" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _issued[token] = _now().AddSeconds(ExpiresIn);
        return FakeResponse.Json(200, new JsonObject { ["access_token"] = token, ["expires_in"] = ExpiresIn, ["token_type"] = "Bearer" }.ToJsonString(),
            ("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"), ("Pragma", "no-cache"));
    }

    private static FakeResponse Error(string error, string description) =>
        FakeResponse.Json(400, new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());

    private static Dictionary<string, string> Form(string body) => body
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Where(kv => kv.Length == 2)
        .GroupBy(kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First()[1].Replace('+', ' ')), StringComparer.Ordinal);

    private static byte[] Decode(string part)
    {
        var b64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '='));
    }
}

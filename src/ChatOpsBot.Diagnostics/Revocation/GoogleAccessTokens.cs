using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// OAuth 2.0 access tokens for a service account by the JWT bearer grant (RFC 7523; Google's "Using OAuth 2.0 for
/// Server to Server Applications", https://developers.google.com/identity/protocols/oauth2/service-account): a JWT
/// signed RS256 with the account's private key (<c>iss</c> the account, <c>scope</c> cloud-platform, <c>aud</c> the
/// file's <c>token_uri</c>, <c>iat</c>, <c>exp</c> one hour later) is POSTed as <c>assertion</c> with
/// <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c>. A token is kept until a few minutes before it
/// expires, registered with the scrubber while kept; the assertion is registered while it is in flight.
/// </summary>
internal sealed class GoogleAccessTokens(SecretScrubber scrubber, TimeProvider timeProvider)
{
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A token is renewed this long before Google says it expires (clock skew, a slow attempt).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Cached? _cached;

    /// <summary>A valid access token for <paramref name="account"/>, from the cache or fetched now.</summary>
    public async Task<TokenAnswer> GetAsync(AdminApi api, GoogleServiceAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(account);
        var identity = Identity(account);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_cached is { } cached && cached.Identity == identity && now < cached.RenewAt)
            {
                return TokenAnswer.Ok(cached.Token);
            }
        }

        var assertion = Assertion(account, now);
        using var registered = scrubber.Register(assertion);
        using var request = new HttpRequestMessage(HttpMethod.Post, account.TokenUri)
        {
            Content = new FormUrlEncodedContent([new("grant_type", GrantType), new("assertion", assertion)]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var answer = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        GoogleTokenJson? token;
        try
        {
            token = JsonSerializer.Deserialize(answer.Body, RevocationJsonContext.Default.GoogleTokenJson);
        }
        catch (JsonException)
        {
            token = null;
        }

        if (answer.IsSuccess && token is { AccessToken: { Length: > 0 } value })
        {
            var handle = scrubber.Register(value);
            var expiresIn = TimeSpan.FromSeconds(token.ExpiresIn > 0 ? token.ExpiresIn : Lifetime.TotalSeconds);
            var renewAt = now + (expiresIn > Margin * 2 ? expiresIn - Margin : expiresIn / 2);
            Replace(new Cached(identity, value, renewAt, handle));
            return TokenAnswer.Ok(value);
        }

        var said = token?.Error is { Length: > 0 } error
            ? error + (token.ErrorDescription is { Length: > 0 } description ? ": " + description : "")
            : "no token";
        return answer.Status is 400 or 401 or 403
            ? TokenAnswer.Refused($"Google refused the service account's token request ({answer.Status} {said}); check that its key is still active and the machine's clock is right")
            : TokenAnswer.Refused($"Google's token endpoint answered {answer.Status} ({said})", RevocationOutcome.Failed);
    }

    /// <summary>Forgets the cached token (the API refused it), so the next call fetches a new one.</summary>
    public void Forget(string token)
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Token == token)
            {
                _cached = null;
                cached.Registration.Dispose();
            }
        }
    }

    /// <summary>The signed JWT (header.claims.signature, base64url) that asks for a token.</summary>
    public static string Assertion(GoogleServiceAccount account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var iat = now.ToUnixTimeSeconds();
        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("typ", "JWT");
            w.WriteString("kid", account.PrivateKeyId);
        });
        var claims = Json(w =>
        {
            w.WriteString("iss", account.ClientEmail);
            w.WriteString("scope", Scope);
            w.WriteString("aud", account.TokenUri.OriginalString);
            w.WriteNumber("iat", iat);
            w.WriteNumber("exp", iat + (long)Lifetime.TotalSeconds);
        });
        var signed = Base64Url(header) + "." + Base64Url(claims);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(account.PrivateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    private static string Identity(GoogleServiceAccount account) =>
        string.Create(CultureInfo.InvariantCulture, $"{account.ClientEmail}\n{account.PrivateKeyId}\n{account.TokenUri}");

    private void Replace(Cached next)
    {
        Cached? old;
        lock (_gate)
        {
            old = _cached;
            _cached = next;
        }

        old?.Registration.Dispose();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Cached(string Identity, string Token, DateTimeOffset RenewAt, IDisposable Registration);
}

/// <summary>An access token, or why there is none.</summary>
internal sealed record TokenAnswer(string? AccessToken, RevocationOutcome Outcome, string? Detail)
{
    public static TokenAnswer Ok(string token) => new(token, RevocationOutcome.Revoked, null);

    public static TokenAnswer Refused(string detail, RevocationOutcome outcome = RevocationOutcome.AdminKeyRejected) => new(null, outcome, detail);
}

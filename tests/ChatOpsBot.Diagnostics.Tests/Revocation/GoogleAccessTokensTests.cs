using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Revocation;
using ChatOpsBot.Testing.Revocation;

namespace ChatOpsBot.Diagnostics.Tests.Revocation;

/// <summary>The service account file is read as Google writes it, and the JWT is the one Google's token endpoint expects.</summary>
public sealed class GoogleAccessTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Assertion_IsAnRs256JwtForTheAccount_OneHourLong_SignedWithItsKey()
    {
        using var account = new TestServiceAccount(new Uri("https://oauth2.googleapis.com/token"));
        var file = GoogleServiceAccount.Read(account.Path, out var problem);
        Assert.Null(problem);

        var jwt = GoogleAccessTokens.Assertion(file!, Now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Decode(parts[0]))!;
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal("JWT", (string?)header["typ"]);
        Assert.Equal(account.PrivateKeyId, (string?)header["kid"]);
        var claims = JsonNode.Parse(Decode(parts[1]))!;
        Assert.Equal(account.ClientEmail, (string?)claims["iss"]);
        Assert.Equal("https://www.googleapis.com/auth/cloud-platform", (string?)claims["scope"]);
        Assert.Equal("https://oauth2.googleapis.com/token", (string?)claims["aud"]);
        Assert.Equal(Now.ToUnixTimeSeconds(), (long)claims["iat"]!);
        Assert.Equal(Now.ToUnixTimeSeconds() + 3600, (long)claims["exp"]!);
        using var rsa = RSA.Create(account.PublicKey);
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.DoesNotContain('=', jwt);
    }

    [Fact]
    public void Read_AnHttpTokenUriOffThisMachine_IsRefused()
    {
        using var account = new TestServiceAccount(new Uri("http://oauth2.example.com/token"));

        Assert.Null(GoogleServiceAccount.Read(account.Path, out var problem));

        Assert.Contains("token_uri that is not an https URL", problem, StringComparison.Ordinal);
        Assert.Contains(account.Path, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AFileTooBigToBeAKey_IsRefusedUnread()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, new byte[GoogleServiceAccount.MaxFileBytes + 1]);
        try
        {
            Assert.Null(GoogleServiceAccount.Read(path, out var problem));
            Assert.Contains("too big", problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ToString_ShowsTheAccount_NeverTheKey()
    {
        using var account = new TestServiceAccount(new Uri("https://oauth2.googleapis.com/token"));

        var text = GoogleServiceAccount.Read(account.Path, out _)!.ToString();

        Assert.Equal("service account " + account.ClientEmail, text);
    }

    private static byte[] Decode(string part)
    {
        var b64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '='));
    }
}

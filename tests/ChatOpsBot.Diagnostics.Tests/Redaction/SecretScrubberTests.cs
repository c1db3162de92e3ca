using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Tests.Keys;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

public sealed class SecretScrubberTests
{
    private const string Opaque = "correct-horse-battery-staple-42";

    [Fact]
    public void Scrub_RegisteredSecret_ReplacedByShownForm()
    {
        var sut = new SecretScrubber();
        using var _ = sut.Register(Opaque);

        Assert.Equal("token …e-42 was used", sut.Scrub($"token {Opaque} was used"));
    }

    [Fact]
    public void Scrub_RegisteredWithNewline_TrimmedFormScrubbedToo()
    {
        var sut = new SecretScrubber();
        using var _ = sut.Register(Opaque + "\n");

        Assert.DoesNotContain(Opaque, sut.Scrub($"[{Opaque}]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_RegisteredAnthropicKey_ItsShownFormStaysReadable()
    {
        var key = "sk-ant-api03-" + new string('Q', 89) + "xY7zAA";
        var sut = new SecretScrubber();
        using var _ = sut.Register(key);

        Assert.Equal("key " + KeyMask.Show(key), sut.Scrub("key " + KeyMask.Show(key)));
        Assert.Equal("key " + KeyMask.Show(key), sut.Scrub("key " + key));
    }

    [Fact]
    public void Scrub_FragmentOfRegisteredSecret_Scrubbed()
    {
        var sut = new SecretScrubber();
        using var _ = sut.Register(Opaque);

        var result = sut.Scrub("echoed: " + Opaque[5..19] + " and " + Opaque[..12]);

        KeyWindowAssert.NoSecretIn(result, Opaque, string.Empty);
        Assert.StartsWith("echoed: ", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_AfterHandleDisposed_SecretForgotten()
    {
        var sut = new SecretScrubber();
        var handle = sut.Register(Opaque);
        handle.Dispose();
        handle.Dispose();

        Assert.Equal(0, sut.Count);
        Assert.Equal(Opaque, sut.Scrub(Opaque));
    }

    [Fact]
    public void Scrub_ShortSecret_IgnoredSoWordsSurvive()
    {
        var sut = new SecretScrubber();
        using var _ = sut.Register("test");

        Assert.Equal("a test message", sut.Scrub("a test message"));
    }

    [Theory]
    [InlineData("Incorrect API key provided: sk-proj-********************abcd. You can find your API key at https://platform.openai.com/account/api-keys.",
        "Incorrect API key provided: sk-proj-…abcd. You can find your API key at https://platform.openai.com/account/api-keys.")]
    [InlineData("Incorrect API key provided: sk-abc12***************************wxyz.", "Incorrect API key provided: sk-…wxyz.")]
    [InlineData("key AIzaSy**********x1y2 rejected", "key AIza…x1y2 rejected")]
    [InlineData("sk-ant-api03-Ab3d...wxyz", "sk-ant-api03-…wxyz")]
    [InlineData("invalid x-api-key", "invalid x-api-key")]
    [InlineData("The key was rejected (status 401, request id req_011CXyZ8a7b6c5d4e3f2g1h0)", "The key was rejected (status 401, request id req_011CXyZ8a7b6c5d4e3f2g1h0)")]
    [InlineData("scikit-learn sk-learn task-manager 123e4567-e89b-12d3-a456-426614174000", "scikit-learn sk-learn task-manager 123e4567-e89b-12d3-a456-426614174000")]
    public void Scrub_ProviderEchoesAndPlainText_EchoesShortenedPlainTextKept(string text, string expected) =>
        Assert.Equal(expected, new SecretScrubber().Scrub(text));

    public static TheoryData<string> FormatNames => [.. FakeKeys.Formats.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Scrub_KeyShapedString_ReplacedByShownForm(string name)
    {
        var key = FakeKeys.Make(name, seed: 7);

        var result = new SecretScrubber().Scrub($"the key {key} failed");

        Assert.Equal($"the key {KeyMask.Show(key)} failed", result);
    }

    [Fact]
    public void Scrub_TelegramTokenInUrlPath_Shortened()
    {
        var token = FakeKeys.EndingWith("telegram", "wxyz");

        Assert.Equal("POST https://api.telegram.org/bot…wxyz/sendMessage", new SecretScrubber().Scrub($"POST https://api.telegram.org/bot{token}/sendMessage"));
    }

    [Fact]
    public void Scrub_DiscordBotAuthorizationHeader_Shortened()
    {
        var token = FakeKeys.EndingWith("discord", "wxyz");

        Assert.Equal("Authorization: Bot …wxyz", new SecretScrubber().Scrub($"Authorization: Bot {token}"));
    }

    [Fact]
    public void Scrub_BearerTokenOfUnknownShape_Shortened() =>
        Assert.Equal("Authorization: Bearer …4567", new SecretScrubber().Scrub("Authorization: Bearer opaque.token_value-1234567"));

    [Fact]
    public void Scrub_KeyQueryParameter_Shortened() =>
        Assert.Equal("GET /v1beta/models?key=…3456&alt=json", new SecretScrubber().Scrub("GET /v1beta/models?key=opaquevalue123456&alt=json"));

    [Fact]
    public void Scrub_ApiKeyField_Shortened() =>
        Assert.Equal("{\"api_key\": \"…cdef\"}", new SecretScrubber().Scrub("{\"api_key\": \"gateway0123456789abcdef\"}"));

    [Fact]
    public void Scrub_ScrubbedText_IsUnchangedBySecondPass()
    {
        var sut = new SecretScrubber();
        using var _ = sut.Register(Opaque);
        var text = $"Bearer {FakeKeys.Make("openai-project")} ?key={FakeKeys.Make("google")} {Opaque} sk-proj-****abcd {FakeKeys.Make("discord")}";

        var once = sut.Scrub(text);

        Assert.Equal(once, sut.Scrub(once));
    }

    [Fact]
    public void ScrubJson_NestedStrings_ScrubbedInACopy()
    {
        var key = FakeKeys.Make("anthropic");
        var node = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = $"bad key {key}", ["codes"] = new JsonArray($"x {key}", 401) },
            ["status"] = 401,
        };

        var result = new SecretScrubber().ScrubJson(node)!;

        KeyWindowAssert.NoSecretIn(result.ToJsonString(), key);
        Assert.Equal(401, result["status"]!.GetValue<int>());
        Assert.Contains(key, node.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_ConcurrentRegisterScrubDispose_NoErrorsAndNothingLeftRegistered()
    {
        var sut = new SecretScrubber();
        Parallel.For(0, 2000, i =>
        {
            var secret = $"secret-{i:D6}-value-abcdefgh";
            using (sut.Register(secret))
            {
                Assert.DoesNotContain(secret, sut.Scrub($"x {secret} y"), StringComparison.Ordinal);
            }
        });

        Assert.Equal(0, sut.Count);
    }

    [Theory]
    [InlineData("sk-")]
    [InlineData("1234567890:")]
    [InlineData("AQ.")]
    [InlineData("MTIzNDU2Nzg5MDEyMzQ1Njc4.")]
    [InlineData("sk-proj-***")]
    public void Scrub_LongAdversarialRun_CompletesWithoutGrowing(string unit)
    {
        // Its speed (linear, not quadratic) is measured in bench/ (d), as a ratio: timed unit tests flake under load.
        var text = string.Concat(Enumerable.Repeat(unit, 65_536 / unit.Length));

        var result = new SecretScrubber().Scrub(text);

        Assert.True(result.Length <= text.Length);
    }

    internal static string BuildReply(int length)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (sb.Length < length)
        {
            sb.Append("Probe of openai ended with auth.invalid_key after 412 ms (request id req_").Append(i++).Append("). ");
            if (i % 10 == 3)
            {
                sb.Append("Incorrect API key provided: sk-proj-********************abcd. ");
            }

            if (i % 10 == 7)
            {
                sb.Append("{\"key\":\"").Append(FakeKeys.Make("google", i)).Append("\"} ");
            }
        }

        return sb.ToString(0, length);
    }
    [Theory]
    [InlineData("https://discord.com/api/webhooks/1234567890123456789/Ab3_dEf-GhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxYZ01")]
    [InlineData("https://canary.discordapp.com/api/v10/webhooks/1234567890123456789/Ab3_dEf-GhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxYZ01?wait=true")]
    public void Scrub_DiscordWebhookUrl_TokenMasked_IdKept(string url)
    {
        const string token = "Ab3_dEf-GhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxYZ01";

        var scrubbed = new SecretScrubber().Scrub($"POST {url} failed");

        Assert.DoesNotContain(token[..8], scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain(token[^8..], scrubbed, StringComparison.Ordinal);
        Assert.Contains("/webhooks/1234567890123456789/…", scrubbed, StringComparison.Ordinal);
        Assert.Equal(scrubbed, new SecretScrubber().Scrub(scrubbed));
    }

    [Fact]
    public void Scrub_WebhookRouteWithPlaceholder_LeftAsIs()
    {
        const string text = "Discord answered 404 to POST /webhooks/1234567890123456789/{token}: code 10015 (Unknown Webhook).";

        Assert.Equal(text, new SecretScrubber().Scrub(text));
    }
}

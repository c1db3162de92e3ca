using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

public sealed class KeyShapesTests
{
    public static TheoryData<string> FormatNames => [.. FakeKeys.Formats.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Identify_RealShapedKey_RecognisesPlatformPrefixAndAdmin(string name)
    {
        var format = FakeKeys.Formats.Single(f => f.Name == name);
        for (var seed = 0; seed < 50; seed++)
        {
            var key = format.Make(new Random(seed));

            var shape = KeyShapes.Identify(key);

            Assert.Equal(format.Platform, shape.Platform);
            Assert.Equal(format.Prefix, shape.Prefix);
            Assert.Equal(format.IsAdmin, shape.IsAdminKey);
            Assert.True(KeyShapes.IsWellFormed(key), $"{name} fake should be well formed");
        }
    }

    [Theory]
    [InlineData("AIzaSy**********x1y2", KeyPlatform.Google, "AIza")]
    [InlineData("sk-ant-api03-***...abcd", KeyPlatform.Anthropic, "sk-ant-api03-")]
    [InlineData("sk-proj-********************abcd", KeyPlatform.OpenAI, "sk-proj-")]
    [InlineData("sk-svcacct-…abcd", KeyPlatform.OpenAI, "sk-svcacct-")]
    [InlineData("sk-or-v1-1a2…9f0e", KeyPlatform.OpenRouter, "sk-or-v1-")]
    [InlineData("sk-ant-admin01-", KeyPlatform.Anthropic, "sk-ant-admin01-")]
    [InlineData("sk-ant-", KeyPlatform.Anthropic, "sk-ant-")]
    [InlineData("gsk_", KeyPlatform.Groq, "gsk_")]
    [InlineData("xai-****abcd", KeyPlatform.XAI, "xai-")]
    [InlineData("AQ.Ab…wxyz", KeyPlatform.Google, "AQ.")]
    [InlineData("hf_***", KeyPlatform.HuggingFace, "hf_")]
    [InlineData("github_pat_…", KeyPlatform.GitHubToken, "github_pat_")]
    [InlineData("123456789:AA***", KeyPlatform.TelegramBotToken, "")]
    public void Identify_MaskedEchoOrBarePrefix_IdentifiesPlatformFromPrefix(string echo, KeyPlatform platform, string prefix)
    {
        var shape = KeyShapes.Identify(echo);

        Assert.Equal(platform, shape.Platform);
        Assert.Equal(prefix, shape.Prefix);
        Assert.False(KeyShapes.IsWellFormed(echo));
    }

    [Fact]
    public void Identify_AdminEchoes_AreAdminKeys()
    {
        Assert.True(KeyShapes.Identify("sk-ant-admin01-…abcd").IsAdminKey);
        Assert.True(KeyShapes.Identify("sk-admin-****abcd").IsAdminKey);
        Assert.False(KeyShapes.Identify("sk-ant-api03-…abcd").IsAdminKey);
    }

    [Fact]
    public void Identify_PlainSkOfNoKnownLength_IsUnknownWithSkPrefix()
    {
        var shape = KeyShapes.Identify("sk-" + new string('a', 20) + "1234567");

        Assert.Equal(KeyPlatform.Unknown, shape.Platform);
        Assert.Equal("sk-", shape.Prefix);
    }

    [Theory]
    [InlineData("sk-0123456789abcdef0123456789abcdef", KeyPlatform.DeepSeek)]
    [InlineData("sk-0123456789ABCDEF0123456789abcdefABCDEF0123456789", KeyPlatform.OpenAI)]
    public void Identify_PlainSk_TellsDeepSeekFromOpenAILegacyByLength(string key, KeyPlatform platform) =>
        Assert.Equal(platform, KeyShapes.Identify(key).Platform);

    [Fact]
    public void Identify_DotSeparatedPartsWhoseFirstPartIsNotASnowflake_IsNotDiscord()
    {
        var notDiscord = "abcdefghijklmnopqrstuvwx.abcdef." + new string('x', 38);

        Assert.Equal(KeyPlatform.Unknown, KeyShapes.Identify(notDiscord).Platform);
    }

    [Fact]
    public void Identify_Jwt_IsNotDiscord() =>
        Assert.Equal(KeyPlatform.Unknown, KeyShapes.Identify("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.abcdefghijklmnopqrstuvwxyz0123456").Platform);

    [Theory]
    [InlineData("anthropic", 40)]
    [InlineData("openai-project", 60)]
    [InlineData("google", 30)]
    [InlineData("openrouter", 50)]
    public void IsWellFormed_TruncatedKey_IsFalse(string name, int keep) =>
        Assert.False(KeyShapes.IsWellFormed(FakeKeys.Make(name)[..keep]));

    [Fact]
    public void IsWellFormed_AnthropicKeyWithoutAaEnding_IsFalse() =>
        Assert.False(KeyShapes.IsWellFormed(FakeKeys.Make("anthropic")[..^2] + "BB"));

    [Fact]
    public void Identify_EmptyString_IsUnknown() => Assert.Equal(KeyShape.Unknown, KeyShapes.Identify(string.Empty));
}

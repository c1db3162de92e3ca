using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

public sealed class KeyInspectorTests
{
    private static readonly string OpenAIKey = FakeKeys.Make("openai-project");
    private static readonly string AnthropicKey = FakeKeys.Make("anthropic");
    private static readonly string GoogleKey = FakeKeys.Make("google");

    private static KeyInspection Inspect(string? raw, ProviderId provider = ProviderId.OpenAI, KeySource source = KeySource.Environment, string? origin = "OPENAI_API_KEY")
    {
        var inspection = KeyInspector.Inspect(raw, provider, source, origin);
        Assert.All(inspection.Findings, f => Assert.Equal(DiagnosticStage.Key, f.Stage));
        return inspection;
    }

    private static Finding Single(KeyInspection inspection, string code) => Assert.Single(inspection.Findings, f => f.Code == code);

    [Theory]
    [InlineData("openai-project", ProviderId.OpenAI)]
    [InlineData("openai-svcacct", ProviderId.OpenAI)]
    [InlineData("openai-legacy", ProviderId.OpenAI)]
    [InlineData("openai-none", ProviderId.OpenAI)]
    [InlineData("anthropic", ProviderId.Anthropic)]
    [InlineData("google", ProviderId.Gemini)]
    [InlineData("google-auth", ProviderId.Gemini)]
    public void Inspect_WellFormedKeyForItsProvider_SinglePass(string name, ProviderId provider)
    {
        var key = FakeKeys.Make(name);

        var inspection = Inspect(key, provider);

        var pass = Assert.Single(inspection.Findings);
        Assert.Equal(VerdictCodes.Ok, pass.Code);
        Assert.Equal("Key format looks right", pass.Title);
        Assert.Equal(KeyShapes.Identify(key).Kind, pass.Detail);
        Assert.Equal(key, inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    [InlineData("\u200B\uFEFF \t")]
    public void Inspect_NullEmptyOrOnlyWhitespace_Missing(string? raw)
    {
        var inspection = Inspect(raw);

        Assert.Equal(VerdictCodes.KeyMissing, Assert.Single(inspection.Findings).Code);
        Assert.Null(inspection.UsableKey);
    }

    [Fact]
    public void Inspect_NullWithOrigin_SaysTheVariableIsNotSet() =>
        Assert.Equal("OPENAI_API_KEY is not set.", Assert.Single(Inspect(null).Findings).Detail);

    [Theory]
    [InlineData(KeySource.StandardInput, "\n")]
    [InlineData(KeySource.StandardInput, "\r\n")]
    [InlineData(KeySource.File, "\n")]
    [InlineData(KeySource.File, "\r\n")]
    public void Inspect_OneTrailingNewlineFromStdinOrFile_IsExpectedAndRemoved(KeySource source, string newline)
    {
        var inspection = Inspect(OpenAIKey + newline, source: source);

        Assert.Equal(VerdictCodes.Ok, Assert.Single(inspection.Findings).Code);
        Assert.Equal(OpenAIKey, inspection.UsableKey);
    }

    [Theory]
    [InlineData(KeySource.Environment)]
    [InlineData(KeySource.Chat)]
    public void Inspect_TrailingNewlineFromEnvironmentOrChat_Whitespace(KeySource source)
    {
        var inspection = Inspect(OpenAIKey + "\n", source: source);

        var finding = Single(inspection, VerdictCodes.KeyWhitespace);
        Assert.StartsWith("The value of OPENAI_API_KEY has a newline at the end.", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("U+000A", finding.Evidence["char"]!.GetValue<string>());
        Assert.Equal(OpenAIKey, inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, OpenAIKey);
    }

    [Fact]
    public void Inspect_TwoTrailingNewlinesFromStdin_OneIsAFinding()
    {
        var inspection = Inspect(OpenAIKey + "\n\n", source: KeySource.StandardInput, origin: null);

        Assert.Equal("The key has a newline at the end.", Single(inspection, VerdictCodes.KeyWhitespace).Detail);
        Assert.Equal(OpenAIKey, inspection.UsableKey);
    }

    [Fact]
    public void Inspect_ZeroWidthSpaceInside_SaysWhereAndRemovesIt()
    {
        var raw = OpenAIKey[..11] + "\u200B" + OpenAIKey[11..];

        var inspection = Inspect(raw);

        var finding = Single(inspection, VerdictCodes.KeyWhitespace);
        Assert.Equal("The value of OPENAI_API_KEY has a zero-width space at position 12.", finding.Detail);
        Assert.Equal("U+200B", finding.Evidence["char"]!.GetValue<string>());
        Assert.Equal(12, finding.Evidence["position"]!.GetValue<int>());
        Assert.Equal(OpenAIKey, inspection.UsableKey);
    }

    [Theory]
    [InlineData("\uFEFF", "", "a byte order mark (BOM) at the start")]
    [InlineData(" ", "  ", "a space at the start and 2 spaces at the end")]
    [InlineData("\t", "", "a tab at the start")]
    [InlineData("", "\u00A0", "a non-breaking space at the end")]
    [InlineData("", "\r\n", "a Windows line break (CR LF) at the end")]
    [InlineData("", "\r", "a carriage return (CR) at the end")]
    [InlineData("\u2060", "\u200D", "a word joiner (invisible) at the start and a zero-width joiner at the end")]
    public void Inspect_InvisibleCharactersAround_DescribesEach(string before, string after, string expected)
    {
        var inspection = Inspect(before + AnthropicKey + after, ProviderId.Anthropic, origin: null);

        Assert.Equal($"The key has {expected}.", Single(inspection, VerdictCodes.KeyWhitespace).Detail.Split(" A ")[0].TrimEnd());
        Assert.Equal(AnthropicKey, inspection.UsableKey);
    }

    [Theory]
    [InlineData("\"{0}\"", "double quotes")]
    [InlineData("'{0}'", "single quotes")]
    [InlineData("`{0}`", "backticks")]
    [InlineData("\u201C{0}\u201D", "typographic quotes")]
    [InlineData("\"{0}", "stray quote mark")]
    [InlineData("'{0}\"", "mismatched quote marks")]
    public void Inspect_Quoted_QuotedAndStripped(string template, string expected)
    {
        var inspection = Inspect(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, GoogleKey), ProviderId.Gemini);

        Assert.Contains(expected, Single(inspection, VerdictCodes.KeyQuoted).Detail, StringComparison.Ordinal);
        Assert.Equal(GoogleKey, inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, GoogleKey);
    }

    [Fact]
    public void Inspect_QuotedWithNewlineInside_BothFindings()
    {
        var inspection = Inspect("\"" + AnthropicKey + "\n\"\n", ProviderId.Anthropic);

        Assert.Equal(2, inspection.Findings.Count);
        Single(inspection, VerdictCodes.KeyQuoted);
        Assert.Contains("a newline at the end", Single(inspection, VerdictCodes.KeyWhitespace).Detail, StringComparison.Ordinal);
        Assert.Equal(AnthropicKey, inspection.UsableKey);
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("BEARER  {0}")]
    [InlineData("Authorization: Bearer {0}")]
    [InlineData("authorization:Bearer {0}")]
    [InlineData("x-api-key: {0}")]
    [InlineData("\"Bearer {0}\"")]
    public void Inspect_BearerOrHeaderPastedIn_BearerIncludedAndStripped(string template)
    {
        var raw = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, OpenAIKey);

        var inspection = Inspect(raw);

        Single(inspection, VerdictCodes.KeyBearerIncluded);
        Assert.DoesNotContain(inspection.Findings, f => f.Code == VerdictCodes.KeyWhitespace);
        Assert.Equal(OpenAIKey, inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, OpenAIKey);
    }

    [Theory]
    [InlineData("your-api-key")]
    [InlineData("YOUR_API_KEY")]
    [InlineData("YOUR_OPENAI_API_KEY_HERE")]
    [InlineData("<your key>")]
    [InlineData("<OPENAI_API_KEY>")]
    [InlineData("${OPENAI_API_KEY}")]
    [InlineData("$OPENAI_API_KEY")]
    [InlineData("%OPENAI_API_KEY%")]
    [InlineData("{{ openai_api_key }}")]
    [InlineData("sk-...")]
    [InlineData("sk-xxxx")]
    [InlineData("sk-proj-XXXXXXXX")]
    [InlineData("sk-ant-api03-xxxxxxxxxx")]
    [InlineData("AIza...")]
    [InlineData("xxxxxxxx")]
    [InlineData("changeme")]
    [InlineData("test")]
    [InlineData("None")]
    [InlineData("null")]
    [InlineData("undefined")]
    [InlineData("sk-your-key-here")]
    [InlineData("Bearer")]
    public void Inspect_Placeholder_PlaceholderAndNothingToSend(string raw)
    {
        var inspection = Inspect(raw);

        Assert.Equal(VerdictCodes.KeyPlaceholder, Assert.Single(inspection.Findings).Code);
        Assert.Null(inspection.UsableKey);
    }

    [Fact]
    public void Inspect_UnexpandedVariable_SaysWhichPlaceholder() =>
        Assert.Equal("The value of OPENAI_API_KEY is a placeholder (\"${OPENAI_API_KEY}\"), not a real key.",
            Assert.Single(Inspect("${OPENAI_API_KEY}").Findings).Detail);

    [Fact]
    public void Inspect_BearerAndPlaceholder_BothFindingsNothingToSend()
    {
        var inspection = Inspect("Bearer sk-...");

        Assert.Equal([VerdictCodes.KeyBearerIncluded, VerdictCodes.KeyPlaceholder], inspection.Findings.Select(f => f.Code));
        Assert.Null(inspection.UsableKey);
    }

    [Theory]
    [InlineData("sk-proj-abc1…wxyz", KeyPlatform.OpenAI)]
    [InlineData("sk-proj-********************abcd", KeyPlatform.OpenAI)]
    [InlineData("sk-ant-api03-Ab3d...wxyz", KeyPlatform.Anthropic)]
    [InlineData("AIzaSy**********x1y2", KeyPlatform.Google)]
    [InlineData("sk-ab••••••••cdef", KeyPlatform.Unknown)]
    public void Inspect_MaskedForm_MaskedAndNothingToSend(string raw, KeyPlatform platform)
    {
        var inspection = Inspect(raw);

        Assert.Equal(VerdictCodes.KeyMasked, Assert.Single(inspection.Findings).Code);
        Assert.Null(inspection.UsableKey);
        Assert.Equal(platform, inspection.Shape.Platform);
    }

    [Fact]
    public void Inspect_GoogleKeyGivenToAnthropic_WrongPlatformNamesBoth()
    {
        var inspection = Inspect(GoogleKey, ProviderId.Anthropic, origin: "ANTHROPIC_API_KEY");

        var finding = Single(inspection, VerdictCodes.KeyWrongPlatform);
        Assert.Equal("This is a Google (Gemini) API key, but it was given to Anthropic.", finding.Detail);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(GoogleKey, inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, GoogleKey);
    }

    [Fact]
    public void Inspect_OpenRouterKeyGivenToOpenAI_SaysToUseOpenRouterBaseUrl()
    {
        var key = FakeKeys.Make("openrouter");

        var finding = Single(Inspect(key), VerdictCodes.KeyWrongPlatform);

        Assert.Contains("OpenRouter", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("https://openrouter.ai/api/v1", finding.NextSteps[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic", ProviderId.OpenAI, "Anthropic API key")]
    [InlineData("openai-project", ProviderId.Gemini, "OpenAI project API key")]
    [InlineData("xai", ProviderId.OpenAI, "xAI (Grok) API key")]
    [InlineData("deepseek", ProviderId.Anthropic, "DeepSeek API key")]
    [InlineData("discord", ProviderId.Gemini, "Discord bot token")]
    [InlineData("telegram", ProviderId.OpenAI, "Telegram bot token")]
    [InlineData("github-classic", ProviderId.Anthropic, "GitHub personal access token")]
    [InlineData("aws", ProviderId.Gemini, "AWS access key ID")]
    public void Inspect_KeyOfAnotherPlatform_WrongPlatformNamesIt(string name, ProviderId provider, string kind)
    {
        var key = FakeKeys.Make(name);

        var inspection = Inspect(key, provider);

        var finding = Single(inspection, VerdictCodes.KeyWrongPlatform);
        Assert.Contains(kind, finding.Detail, StringComparison.Ordinal);
        Assert.Contains(provider.DisplayName(), finding.Detail, StringComparison.Ordinal);
        KeyWindowAssert.NoSecretIn(inspection, key);
    }

    [Theory]
    [InlineData("anthropic-admin", ProviderId.Anthropic)]
    [InlineData("openai-admin", ProviderId.OpenAI)]
    public void Inspect_AdminKeyForInference_AdminKey(string name, ProviderId provider)
    {
        var inspection = Inspect(FakeKeys.Make(name), provider);

        Assert.Equal(VerdictCodes.KeyAdminKey, Assert.Single(inspection.Findings).Code);
        Assert.NotNull(inspection.UsableKey);
    }

    [Theory]
    [InlineData("anthropic", ProviderId.Anthropic, 60)]
    [InlineData("openai-project", ProviderId.OpenAI, 70)]
    [InlineData("google", ProviderId.Gemini, 30)]
    public void Inspect_TruncatedKeyOfTheRightPlatform_Malformed(string name, ProviderId provider, int keep)
    {
        var key = FakeKeys.Make(name)[..keep];

        var inspection = Inspect(key, provider);

        var finding = Single(inspection, VerdictCodes.KeyMalformed);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains($"{keep} characters long", finding.Detail, StringComparison.Ordinal);
        Assert.NotNull(finding.Evidence["expected_length"]);
        KeyWindowAssert.NoSecretIn(inspection, key);
    }

    [Fact]
    public void Inspect_UnknownShape_WarnNotError()
    {
        var inspection = Inspect("gw-" + new string('a', 20) + "0123456789", ProviderId.Anthropic);

        var finding = Assert.Single(inspection.Findings);
        Assert.Equal(VerdictCodes.KeyMalformed, finding.Code);
        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.Equal("This does not look like an Anthropic key", finding.Title);
        Assert.NotNull(inspection.UsableKey);
    }

    [Fact]
    public void Inspect_GatewayStyleSkKey_WarnNotError()
    {
        var finding = Assert.Single(Inspect("sk-" + new string('b', 30) + "12345").Findings);

        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.Contains("starts with sk-", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\u2014')]
    [InlineData('\u0430')]
    [InlineData('\u0007')]
    public void Inspect_CharacterAHeaderCannotCarry_MalformedAndNothingToSend(char bad)
    {
        var raw = OpenAIKey[..20] + bad + OpenAIKey[20..];

        var inspection = Inspect(raw);

        var finding = Single(inspection, VerdictCodes.KeyMalformed);
        Assert.Contains("position 21", finding.Detail, StringComparison.Ordinal);
        Assert.Null(inspection.UsableKey);
        KeyWindowAssert.NoSecretIn(inspection, OpenAIKey);
    }

    [Fact]
    public void Inspect_ClaudeSubscriptionToken_NotAnApiKeyWarning()
    {
        var finding = Assert.Single(Inspect("sk-ant-oat01-" + new string('c', 80), ProviderId.Anthropic).Findings);

        Assert.Equal(VerdictCodes.KeyWrongPlatform, finding.Code);
        Assert.Equal(Severity.Warn, finding.Severity);
    }
}

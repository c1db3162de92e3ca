namespace ChatOpsBot.Diagnostics.Tests.Reports;

public sealed class NextStepsCatalogTests
{
    public static TheoryData<string> ErrorCodes() =>
        [.. NextStepsCatalog.Codes.Where(c => c is not (VerdictCodes.Ok or VerdictCodes.InfoRoute or VerdictCodes.InfoSkipped or VerdictCodes.InfoStatusPage))];

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public void For_EveryCodeAndProvider_HasTitleAndStepsFirstOneConcrete(string code)
    {
        foreach (var provider in ProviderCatalog.All)
        {
            var entry = NextStepsCatalog.For(code, provider);

            Assert.False(string.IsNullOrWhiteSpace(entry.Title));
            Assert.NotEqual(code, entry.Title);
            Assert.InRange(entry.Steps.Count, 1, 4);
            Assert.All(entry.Steps, s => Assert.InRange(s.Length, 10, 240));
        }
    }

    [Fact]
    public void Codes_ListsEveryConstantOfVerdictCodes()
    {
        var constants = typeof(VerdictCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(), NextStepsCatalog.Codes.Order());
    }

    [Fact]
    public void For_ProviderPages_NameThatProvidersConsole()
    {
        Assert.Contains("platform.openai.com", NextStepsCatalog.For(VerdictCodes.AuthInvalidKey, ProviderId.OpenAI).Steps[0]);
        Assert.Contains("console.anthropic.com", NextStepsCatalog.For(VerdictCodes.QuotaExhausted, ProviderId.Anthropic).Steps[0]);
        Assert.Contains("generativelanguage.googleapis.com", NextStepsCatalog.For(VerdictCodes.ProjectApiNotEnabled, ProviderId.Gemini).Steps[0]);
    }

    public static TheoryData<string> ProvidersAndNone() => ["none", .. ProviderCatalog.All.Select(p => p.ToString()), nameof(ProviderId.Midjourney)];

    [Theory]
    [MemberData(nameof(ProvidersAndNone))]
    public void TableOf_EveryVerdictCode_HasAnEntryWithSteps(string providerName)
    {
        ProviderId? provider = providerName == "none" ? null : Enum.Parse<ProviderId>(providerName);
        var table = NextStepsCatalog.TableOf(provider);
        var constants = typeof(VerdictCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(constants, code =>
        {
            Assert.True(table.TryGetValue(code, out var entry), $"{code} has no entry for {providerName}");
            Assert.False(string.IsNullOrWhiteSpace(entry.Title));
            if (code is not (VerdictCodes.Ok or VerdictCodes.InfoRoute or VerdictCodes.InfoSkipped or VerdictCodes.InfoStatusPage))
            {
                Assert.NotEmpty(entry.Steps);
            }
        });
        Assert.Equal(NextStepsCatalog.Codes.Count, table.Count);
    }
}

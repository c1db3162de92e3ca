using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Tests.Reports;

public sealed class VerdictRankerTests
{
    private static Finding Error(string code, DiagnosticStage stage, bool fromProvider = false) =>
        Finding.Create(code, stage, ProviderId.OpenAI, "detail") with { FromProviderAnswer = fromProvider };

    private static Finding Warn(string code, DiagnosticStage stage) =>
        Finding.Create(code, stage, ProviderId.OpenAI, "detail", severity: Severity.Warn);

    private static Finding Pass(DiagnosticStage stage, bool fromProvider = false) =>
        Finding.Pass(stage, "fine") with { FromProviderAnswer = fromProvider };

    [Fact]
    public void Rank_WhitespaceAndInvalidKey_EarliestStageWins()
    {
        var verdict = VerdictRanker.Rank(
            [Error(VerdictCodes.KeyWhitespace, DiagnosticStage.Key), Pass(DiagnosticStage.Network), Error(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, true)],
            probeSucceeded: false);

        Assert.Equal(VerdictCodes.KeyWhitespace, verdict.Code);
    }

    [Fact]
    public void Rank_DnsFailure_ExplainsTheMissingProbe()
    {
        var verdict = VerdictRanker.Rank(
            [Pass(DiagnosticStage.Key), Error(VerdictCodes.NetworkDnsFailed, DiagnosticStage.Network)],
            probeSucceeded: false);

        Assert.Equal(VerdictCodes.NetworkDnsFailed, verdict.Code);
    }

    [Fact]
    public void Rank_ErrorBeatsWarning()
    {
        var verdict = VerdictRanker.Rank(
            [Warn(VerdictCodes.NetworkFlaky, DiagnosticStage.Network), Error(VerdictCodes.QuotaExhausted, DiagnosticStage.Deep, true)],
            probeSucceeded: true);

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
    }

    [Fact]
    public void Rank_ProviderExplicitAnswer_BeatsShapeGuess()
    {
        var verdict = VerdictRanker.Rank(
            [Error(VerdictCodes.KeyMalformed, DiagnosticStage.Key), Error(VerdictCodes.AuthAccountDisabled, DiagnosticStage.Auth, true)],
            probeSucceeded: false);

        Assert.Equal(VerdictCodes.AuthAccountDisabled, verdict.Code);
    }

    [Fact]
    public void Rank_WrongPlatformAndInvalidKey_ShapeExplainsTheRejection()
    {
        var verdict = VerdictRanker.Rank(
            [Error(VerdictCodes.KeyWrongPlatform, DiagnosticStage.Key), Error(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, true)],
            probeSucceeded: false);

        Assert.Equal(VerdictCodes.KeyWrongPlatform, verdict.Code);
    }

    [Fact]
    public void Rank_ShapeGuessButProviderAccepted_Ok()
    {
        var verdict = VerdictRanker.Rank(
            [Error(VerdictCodes.KeyMalformed, DiagnosticStage.Key), Pass(DiagnosticStage.Auth, true)],
            probeSucceeded: true);

        Assert.Equal(VerdictCodes.Ok, verdict.Code);
    }

    [Fact]
    public void Rank_WarningsOnlyAndProbeOk_Ok()
    {
        var verdict = VerdictRanker.Rank(
            [Warn(VerdictCodes.NetworkFlaky, DiagnosticStage.Auth), Pass(DiagnosticStage.Auth, true)],
            probeSucceeded: true);

        Assert.Equal(VerdictCodes.Ok, verdict.Code);
    }

    [Fact]
    public void Rank_WhitespaceEvenThoughTheCleanedKeyWorked_StillWhitespace()
    {
        var verdict = VerdictRanker.Rank(
            [Error(VerdictCodes.KeyWhitespace, DiagnosticStage.Key), Pass(DiagnosticStage.Auth, true)],
            probeSucceeded: true);

        Assert.Equal(VerdictCodes.KeyWhitespace, verdict.Code);
    }
}

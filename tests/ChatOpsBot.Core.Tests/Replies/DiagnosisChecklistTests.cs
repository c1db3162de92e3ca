using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Tests.Replies;

public sealed class DiagnosisChecklistTests
{
    private static DiagnosisChecklist CreateSut(bool model = false) =>
        new([(ProviderId.Gemini, "AIza…x1y2", model, false), (ProviderId.OpenAI, null, false, false)]);

    [Fact]
    public void New_EveryStagePending_ModelStageOnlyWhenAsked()
    {
        var sut = CreateSut(model: true);

        Assert.All(sut.Latest.Rows.SelectMany(r => r.Stages), s => Assert.Equal(StageState.Pending, s.State));
        Assert.Contains(sut.Latest.Rows[0].Stages, s => s.Stage == nameof(DiagnosticStage.Model));
        Assert.DoesNotContain(sut.Latest.Rows[1].Stages, s => s.Stage == nameof(DiagnosticStage.Model));
        Assert.False(sut.Latest.Finished);
    }

    [Fact]
    public void Apply_Events_MoveStagesAndSetTheVerdict()
    {
        var sut = CreateSut();
        var rejected = Finding.Create(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, ProviderId.Gemini, "400 API_KEY_INVALID");

        sut.Apply(0, new StageStarted(ProviderId.Gemini, DiagnosticStage.Key));
        Assert.Equal(StageState.Running, sut.Latest.Rows[0].Stages[0].State);
        sut.Apply(0, new FindingAdded(ProviderId.Gemini, Finding.Pass(DiagnosticStage.Key, "Key format looks right")));
        sut.Apply(0, new FindingAdded(ProviderId.Gemini, Finding.Create(VerdictCodes.NetworkFlaky, DiagnosticStage.Network, ProviderId.Gemini, "retried", severity: Severity.Warn)));
        sut.Apply(0, new FindingAdded(ProviderId.Gemini, rejected));
        sut.Apply(0, new ProviderFinished(ProviderId.Gemini, new ProviderReport(ProviderId.Gemini, rejected, null, null, TimeSpan.Zero, [rejected], true)));

        var row = sut.Latest.Rows[0];
        Assert.Equal([StageState.Passed, StageState.Skipped, StageState.Warning, StageState.Failed], row.Stages.Select(s => s.State));
        Assert.Equal("code: auth.invalid_key", row.Verdict!.CodeText);
        Assert.False(sut.Latest.Finished); // the OpenAI row is still going
        Assert.Contains("❌ Key check", PlainTextRenderer.RenderChecklist(sut.Latest), StringComparison.Ordinal);
        Assert.Contains("(code: auth.invalid_key)", PlainTextRenderer.RenderChecklist(sut.Latest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForChangeAsync_ReturnsTheNewestState_NotEachOne()
    {
        var sut = CreateSut();
        var waiting = sut.WaitForChangeAsync(sut.Latest.Version, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        sut.Apply(1, new StageStarted(ProviderId.OpenAI, DiagnosticStage.Key));
        sut.Apply(1, new StageStarted(ProviderId.OpenAI, DiagnosticStage.Route));
        var first = await waiting;
        var latest = await sut.WaitForChangeAsync(first.Version - 1, TestContext.Current.CancellationToken);

        Assert.True(first.Version >= 1);
        Assert.Equal(2, latest.Version);
        Assert.Equal(StageState.Running, latest.Rows[1].Stages[1].State);
    }
}

using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Tests.Store;

/// <summary>
/// Outbox rows outlive versions: payloads below were written by the version whose reply model held the engine's
/// ProviderId and DiagnosticStage (captured from its serializer), and must read, render and write back the same.
/// </summary>
public sealed class OutboxPayloadTests
{
    private const string AlertWrittenWithEngineTypes = """
        {"Kind":"Alert","Visibility":"Public","Text":"\u274C prod (Gemini) is failing: The key was rejected (code: auth.invalid_key)\nRe-run: /diagnose key:prod","Cards":[{"Provider":"Gemini","Verdict":{"Code":"auth.invalid_key","Severity":"Error","Title":"The key was rejected","CodeText":"code: auth.invalid_key"},"KeyShown":"AIza\u2026abcd","KeyName":"prod","Detail":"Gemini said API_KEY_INVALID.","Fields":[{"Name":"status","Value":"400"}],"Sections":[{"Heading":"Checks","Lines":["\u2705 Key format: looks like a Gemini key","\u274C Key check: rejected"]}],"NextSteps":["Create a new key."],"Complete":true,"ElapsedMs":412,"Heading":"Gemini \u2014 The key was rejected"}],"Buttons":[],"DeleteOriginal":false,"Severity":"Error"}
        """;

    private const string DiagnosisWrittenWithEngineTypes = """
        {"Kind":"Diagnosis","Visibility":"Private","Text":"x","Cards":[{"Provider":"Midjourney","Verdict":{"Code":"auth.invalid_key","Severity":"Error","Title":"The key was rejected","CodeText":"code: auth.invalid_key"},"KeyShown":"AIza\u2026abcd","KeyName":"prod","Detail":"Gemini said API_KEY_INVALID.","Fields":[{"Name":"status","Value":"400"}],"Sections":[{"Heading":"Checks","Lines":["\u2705 Key format: looks like a Gemini key","\u274C Key check: rejected"]}],"NextSteps":["Create a new key."],"Complete":true,"ElapsedMs":412,"Heading":"Midjourney \u2014 The key was rejected"}],"Checklist":{"Version":3,"Rows":[{"Provider":"OpenAI","KeyLabel":"sk-\u2026a1b2","Stages":[{"Stage":"Key","State":"Passed","Label":"Key format","Mark":"\u2705"},{"Stage":"MidjourneyBot","State":"Failed","Label":"Midjourney Bot in this server","Mark":"\u274C"}],"Verdict":{"Code":"ok","Severity":"Ok","Title":"Works","CodeText":"code: ok"},"Finished":true}],"Finished":true},"Buttons":[{"Label":"Re-run","CustomId":"rerun:1","Action":"Rerun"}],"DeleteOriginal":false,"Severity":"Error"}
        """;

    private const string TestAlertWrittenBeforeAlertTest = """
        {"Kind":"Alert","Visibility":"Public","Text":"\uD83D\uDD14 Test alert from ChatOpsBot (code: ok)\nAlerts for the team\u0027s keys will arrive here (#ops). Requested by ann at 2026-11-27 12:03 UTC. Nothing is broken.","Cards":[],"Buttons":[],"DeleteOriginal":false,"Severity":"Info"}
        """;

    [Fact]
    public void Read_AlertWrittenWithEngineTypes_RendersAndWritesBackTheSame()
    {
        var alert = OutboxPayload.Read(AlertWrittenWithEngineTypes);

        Assert.NotNull(alert);
        Assert.Equal(ReplyKind.Alert, alert.Kind);
        Assert.Equal(new ReplyProvider("gemini", "Gemini"), alert.Cards.Single().Provider);
        Assert.Equal(ReplySeverity.Error, alert.Severity);
        Assert.Equal("❌ prod (Gemini) is failing: The key was rejected (code: auth.invalid_key)\nRe-run: /diagnose key:prod\n\n❌ Gemini — The key was rejected (code: auth.invalid_key)  key prod (AIza…abcd)\n  Gemini said API_KEY_INVALID.\n  evidence: status 400\n  Checks:\n    ✅ Key format: looks like a Gemini key\n    ❌ Key check: rejected\n  next steps:\n    1. Create a new key.\n", PlainTextRenderer.Render(alert));
        Assert.Equal(AlertWrittenWithEngineTypes, OutboxPayload.Write(alert));
    }

    [Fact]
    public void Read_DiagnosisWithChecklistWrittenWithEngineTypes_RendersAndWritesBackTheSame()
    {
        var reply = OutboxPayload.Read(DiagnosisWrittenWithEngineTypes);

        Assert.NotNull(reply);
        Assert.Equal(ReplyBuilder.ProviderOf(ProviderId.Midjourney), reply.Cards.Single().Provider);
        var row = reply.Checklist!.Rows.Single();
        Assert.Equal(ReplyBuilder.ProviderOf(ProviderId.OpenAI), row.Provider);
        Assert.Equal(
            [ReplyBuilder.StageOf(DiagnosticStage.Key, StageState.Passed), ReplyBuilder.StageOf(DiagnosticStage.MidjourneyBot, StageState.Failed)],
            row.Stages);
        Assert.Equal("❌ Midjourney — The key was rejected (code: auth.invalid_key)  key prod (AIza…abcd)\n  Gemini said API_KEY_INVALID.\n  evidence: status 400\n  Checks:\n    ✅ Key format: looks like a Gemini key\n    ❌ Key check: rejected\n  next steps:\n    1. Create a new key.\n\n[Re-run]\n", PlainTextRenderer.Render(reply));
        Assert.Equal("openai (sk-…a1b2): ✅ Key format · ❌ Midjourney Bot in this server — Works (code: ok)\n", PlainTextRenderer.RenderChecklist(reply.Checklist));
        Assert.Equal(DiagnosisWrittenWithEngineTypes, OutboxPayload.Write(reply));
    }

    [Fact]
    public void Read_TestAlertWrittenAsAlert_IsReadAsAlertTest()
    {
        var alert = OutboxPayload.Read(TestAlertWrittenBeforeAlertTest);

        Assert.NotNull(alert);
        Assert.Equal(ReplyKind.AlertTest, alert.Kind);
        Assert.StartsWith("🔔 Test alert from ChatOpsBot (code: ok)\n", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TestAlertOfThisVersion_StaysAlertTest()
    {
        var written = OutboxPayload.Write(AlertComposer.Test("#ops", "ann", new DateTimeOffset(2026, 11, 27, 12, 3, 0, TimeSpan.Zero)));

        Assert.Equal(ReplyKind.AlertTest, OutboxPayload.Read(written)!.Kind);
    }

    [Fact]
    public void Read_AlertWithCardsAndOkCode_StaysAlert()
    {
        var alert = OutboxPayload.Read(AlertWrittenWithEngineTypes)!;
        var written = OutboxPayload.Write(alert with { Text = AlertComposer.TestOpening + "\n" + alert.Text });

        Assert.Equal(ReplyKind.Alert, OutboxPayload.Read(written)!.Kind);
    }

    [Fact]
    public void Write_ProviderTheEngineDoesNotKnow_IsWrittenAsAnObjectAndReadBack()
    {
        var card = new VerdictCard { Provider = new ReplyProvider("acme", "Acme AI"), Verdict = ReplyVerdict.Ok };
        var written = OutboxPayload.Write(new Reply { Kind = ReplyKind.Alert, Cards = [card] });

        Assert.Contains("\"Provider\":{\"Name\":\"acme\",\"DisplayName\":\"Acme AI\"}", written, StringComparison.Ordinal);
        Assert.Equal(card.Provider, OutboxPayload.Read(written)!.Cards.Single().Provider);
    }

    [Fact]
    public void Read_UnknownProviderName_IsUnreadable()
    {
        var payload = AlertWrittenWithEngineTypes.Replace("\"Provider\":\"Gemini\"", "\"Provider\":\"Frobnicate\"", StringComparison.Ordinal);

        Assert.Null(OutboxPayload.Read(payload));
    }
}

using System.Text;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Telegram.Tests.Adapter;

public sealed class TelegramReplyRendererTests
{
    private static VerdictCard Card(string detail = "The key was refused.", int nextSteps = 2, string title = "The key was rejected") => new()
    {
        Provider = ReplyBuilder.ProviderOf(ProviderId.OpenAI),
        Verdict = new ReplyVerdict("auth.invalid_key", ReplySeverity.Error, title),
        KeyShown = "sk-proj-…a1b2",
        Detail = detail,
        Fields = [new ReplyField("status", "401"), new ReplyField("request id", "req_<1>&2")],
        Sections = [new ReplySection("Checks", ["✅ DNS 3 ms", "❌ auth <401>"])],
        NextSteps = [.. Enumerable.Range(1, nextSteps).Select(i => $"Step {i}: create a new key & paste it <here>.")],
    };

    [Fact]
    public void A_verdict_shows_heading_code_evidence_and_next_steps_with_every_outside_string_escaped()
    {
        var reply = new Reply { Kind = ReplyKind.Diagnosis, Cards = [Card(detail: "gateway said <script>alert(1)</script> & more")] };

        var html = TelegramReplyRenderer.Render(reply);

        Assert.True(TelegramHtmlParser.TryParse(html, out var plain, out var problem), problem);
        Assert.Contains("OpenAI — The key was rejected", plain, StringComparison.Ordinal);
        Assert.Contains("code: auth.invalid_key", plain, StringComparison.Ordinal);
        Assert.Contains("gateway said <script>alert(1)</script> & more", plain, StringComparison.Ordinal);
        Assert.Contains("request id: req_<1>&2", plain, StringComparison.Ordinal);
        Assert.Contains("1. Step 1: create a new key & paste it <here>.", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checklist_shows_each_stage_and_a_finished_row_its_code()
    {
        var stages = new[] { ReplyBuilder.StageOf(DiagnosticStage.Key, StageState.Passed), ReplyBuilder.StageOf(DiagnosticStage.Auth, StageState.Running) };
        var running = new ChecklistSnapshot(3, [new ChecklistRow(ReplyBuilder.ProviderOf(ProviderId.Anthropic), "sk-ant-api03-…AAAA", stages, null)]);
        var done = new ChecklistSnapshot(4, [new ChecklistRow(ReplyBuilder.ProviderOf(ProviderId.Anthropic), "<prod>", stages, new ReplyVerdict("ok", ReplySeverity.Ok, "Works"))]);

        Assert.True(TelegramHtmlParser.TryParse(TelegramReplyRenderer.Render(ReplyBuilder.Progress(running, ReplyVisibility.Private)), out var first, out var p1), p1);
        Assert.True(TelegramHtmlParser.TryParse(TelegramReplyRenderer.Render(ReplyBuilder.Progress(done, ReplyVisibility.Private)), out var last, out var p2), p2);

        Assert.Contains("✅", first, StringComparison.Ordinal);
        Assert.Contains("⏳", first, StringComparison.Ordinal);
        Assert.DoesNotContain("code:", first, StringComparison.Ordinal);
        Assert.Contains("<prod>", last, StringComparison.Ordinal);
        Assert.Contains("code: ok", last, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_reply_is_split_under_4096_into_parts_Telegram_accepts_and_the_code_stays_in_the_first()
    {
        var reply = new Reply { Kind = ReplyKind.Diagnosis, Cards = [Card(nextSteps: 150), Card(nextSteps: 150)] };

        var parts = TelegramReplyRenderer.RenderParts(reply);

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p =>
        {
            Assert.True(p.Length <= 4096);
            Assert.True(TelegramHtmlParser.TryParse(p, out _, out var problem), problem);
        });
        Assert.Contains("code: auth.invalid_key", parts[0], StringComparison.Ordinal);
        Assert.Equal(300, parts.Sum(p => p.Split('\n').Count(l => l.Contains("Step ", StringComparison.Ordinal))));
    }

    [Fact]
    public void Buttons_become_one_inline_row_with_the_custom_ids_as_callback_data()
    {
        var token = new string('x', 40);
        var reply = new Reply
        {
            Kind = ReplyKind.Diagnosis,
            Cards = [Card()],
            Buttons = ReplyBuilder.Buttons(token, rerunnable: true, enterKeyProvider: "anthropic"),
        };

        var keyboard = TelegramReplyRenderer.Keyboard(reply)!;

        var row = Assert.Single(keyboard.InlineKeyboard);
        Assert.Equal([CommandIds.Rerun(token), CommandIds.Details(token), CommandIds.EnterKey("anthropic")], row.Select(b => b.CallbackData));
        Assert.All(row, b => Assert.True(Encoding.UTF8.GetByteCount(b.CallbackData!) <= 64));
        Assert.Null(TelegramReplyRenderer.Keyboard(new Reply { Kind = ReplyKind.Help, Text = "help" }));
    }

    [Fact]
    public void An_alert_test_renders_its_text_as_an_alert_does()
    {
        const string Text = "🔔 Test alert from ChatOpsBot (code: ok)\nAlerts for the team's keys will arrive here. Nothing is broken.";

        var html = TelegramReplyRenderer.Render(new Reply { Kind = ReplyKind.AlertTest, Text = Text });

        Assert.Equal(TelegramReplyRenderer.Render(new Reply { Kind = ReplyKind.Alert, Text = Text }), html);
        Assert.Contains("code: ok", html, StringComparison.Ordinal);
        Assert.Null(TelegramReplyRenderer.Keyboard(new Reply { Kind = ReplyKind.AlertTest, Text = Text }));
    }
}

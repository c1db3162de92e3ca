using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Tests.Adapter;

public sealed class RendererAndCommandsTests
{
    private static VerdictCard Card(ProviderId provider, ReplySeverity severity, int size) => new()
    {
        Provider = ReplyBuilder.ProviderOf(provider),
        Verdict = new ReplyVerdict("auth.invalid_key", severity, new string('t', size / 4)),
        Detail = new string('d', size),
        Fields = [.. Enumerable.Range(0, 40).Select(i => new ReplyField($"field {i}", new string('v', size / 8)))],
        Sections = [new ReplySection("Checks", [.. Enumerable.Range(0, 50).Select(i => new string('c', 80))])],
        NextSteps = [.. Enumerable.Range(0, 20).Select(i => new string('n', 200))],
    };

    [Fact]
    public void ASectionLongerThanOneField_IsSplitAcrossFields_NoLineCut()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"check {i:00} " + new string('c', 90)).ToList();
        var card = new VerdictCard
        {
            Provider = ReplyBuilder.ProviderOf(ProviderId.Gemini),
            Verdict = new ReplyVerdict("ok", ReplySeverity.Ok, "The key works"),
            Detail = "d",
            Sections = [new ReplySection("Every check", lines)],
        };

        var body = DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.Details, Cards = [card] });

        Assert.Empty(DiscordLimits.Check(body));
        var fields = body.Embeds!.Single().Fields;
        Assert.Equal("Every check", fields[0].Name);
        Assert.All(fields.Skip(1), f => Assert.Equal("Every check (continued)", f.Name));
        Assert.True(fields.Count >= 3);
        Assert.Equal(lines, fields.SelectMany(f => f.Value.Split('\n')));
    }

    [Fact]
    public void HugeReply_FitsEveryDiscordLimit_AndKeepsEachCode()
    {
        var reply = new Reply
        {
            Kind = ReplyKind.Diagnosis,
            Text = new string('x', 5000),
            Cards = [Card(ProviderId.OpenAI, ReplySeverity.Error, 5000), Card(ProviderId.Anthropic, ReplySeverity.Warn, 5000), Card(ProviderId.Gemini, ReplySeverity.Ok, 5000)],
            Buttons = [.. Enumerable.Range(0, 40).Select(i => new ReplyButton(new string('l', 120), $"rerun:{i}", ReplyButtonAction.Rerun))],
        };

        var body = DiscordReplyRenderer.Render(reply);

        Assert.Empty(DiscordLimits.Check(body));
        Assert.True(body.Embeds!.Sum(DiscordLimits.EmbedLength) <= DiscordLimits.EmbedTotal);
        Assert.All(body.Embeds!, e => Assert.Equal("code: auth.invalid_key", e.Footer));
        Assert.Equal([DiscordReplyRenderer.ErrorColor, DiscordReplyRenderer.WarnColor, DiscordReplyRenderer.OkColor], body.Embeds!.Select(e => e.Color!.Value));
        Assert.Equal(5, body.Components!.Count);
        Assert.All(body.Components!, row => Assert.True(row!["components"]!.AsArray().Count <= 5));
        Assert.Equal("""{"parse":[]}""", body.ToJson()["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public void Checklist_IsRenderedAsContent()
    {
        var checklist = new ChecklistSnapshot(1, [new ChecklistRow(ReplyBuilder.ProviderOf(ProviderId.Gemini), null,
            [ReplyBuilder.StageOf(DiagnosticStage.Key, StageState.Passed), ReplyBuilder.StageOf(DiagnosticStage.Auth, StageState.Running)], null)]);

        var body = DiscordReplyRenderer.Render(ReplyBuilder.Progress(checklist, ReplyVisibility.Private));

        Assert.Contains("✅", body.Content, StringComparison.Ordinal);
        Assert.Contains("⏳", body.Content, StringComparison.Ordinal);
        Assert.Empty(body.Embeds!);
    }

    [Fact]
    public void GuildCommands_HaveNoDmContext()
    {
        Assert.All(DiscordCommands.Build(guildScoped: true), c => Assert.Equal("[0]", c!["contexts"]!.ToJsonString()));
    }
}

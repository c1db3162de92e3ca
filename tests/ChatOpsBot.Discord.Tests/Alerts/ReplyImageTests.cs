using System.Text.Json.Nodes;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Discord.Tests.Alerts;

/// <summary>A reply's picture (the /status chart) on the interaction path and in the renderer; alert colours.</summary>
public sealed class ReplyImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Reply Status(ReplyImage? image) => new()
    {
        Kind = ReplyKind.Info,
        Text = "prod-gemini ✅ 99.3% · median 240 ms",
        Image = image,
    };

    private static DiscordInteraction Register(DiscordHarness h)
    {
        var payload = h.Fake.SlashCommand("status", [], guildId: 5);
        h.Fake.RegisterInteraction(payload);
        using var doc = System.Text.Json.JsonDocument.Parse(payload.ToJsonString());
        return DiscordInteraction.Parse(doc.RootElement.Clone());
    }

    [Fact]
    public async Task InteractionSink_DeferredThenFinished_EditsOriginalWithThePng()
    {
        await using var h = await DiscordHarness.StartAsync();
        var interaction = Register(h);
        await h.Rest.DeferAsync(interaction, ephemeral: false, Ct);
        var sink = new InteractionReplySink(h.Rest, interaction, ephemeral: false, h.ClientTime, TimeSpan.FromSeconds(1));

        await sink.FinishAsync(Status(AlertSamples.Chart()), Ct);

        var patch = h.Fake.Calls.Single(c => c.Method == "PATCH");
        Assert.StartsWith("multipart/form-data", patch.Header("Content-Type"), StringComparison.Ordinal);
        var file = Assert.Single(patch.Files!);
        Assert.Equal(("files[0]", "status.png", "image/png"), (file.Name, file.FileName, file.ContentType));
        Assert.Equal(TestImages.Png1x1, file.Content);
        Assert.Equal("""[{"id":0,"filename":"status.png","description":"Availability of prod-gemini over 24 hours"}]""", patch.Json!["attachments"]!.ToJsonString());
        Assert.Equal("attachment://status.png", (string?)patch.Json!["embeds"]![0]!["image"]!["url"]);
        var original = h.Fake.Interactions[interaction.Id].Original!;
        Assert.Equal("status.png", (string?)original["attachments"]![0]!["filename"]);
        Assert.StartsWith("https://cdn.discordapp.com/attachments/", (string?)original["embeds"]![0]!["image"]!["url"], StringComparison.Ordinal);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task Followup_WithImage_Multipart()
    {
        await using var h = await DiscordHarness.StartAsync();
        var interaction = Register(h);
        await h.Rest.DeferAsync(interaction, ephemeral: true, Ct);

        var message = await h.Rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, DiscordReplyRenderer.Render(Status(AlertSamples.Chart()), DiscordMessageBody.EphemeralFlag), Ct);

        Assert.NotEqual(0UL, message.Id);
        var followup = h.Fake.Interactions[interaction.Id].Followups.Single();
        Assert.Equal(64, (int)followup["flags"]!);
        Assert.Equal(TestImages.Png1x1, h.Fake.Calls.Single(c => c.Method == "POST" && c.Path.StartsWith("/webhooks/", StringComparison.Ordinal)).Files!.Single().Content);
    }

    [Fact]
    public async Task ImageWithoutText_StillAValidMessage()
    {
        await using var h = await DiscordHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: 1);

        var sent = await h.Rest.CreateMessageAsync(channel, DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.Info, Image = AlertSamples.Chart() }), Ct);

        Assert.NotEqual(0UL, sent.Id);
        Assert.Single(h.Fake.Calls.Single().Files!);
    }

    [Fact]
    public void Render_NoImage_NoFilesNoAttachments()
    {
        var body = DiscordReplyRenderer.Render(Status(null));

        Assert.Null(body.Files);
        Assert.Null(body.ToJson()["attachments"]);
    }

    [Theory]
    [InlineData("status.png", "status.png")]
    [InlineData("chart 24h ü.png", "chart24h.png")]
    [InlineData("../../etc/passwd", "etcpasswd.png")]
    [InlineData("", "image.png")]
    public void SafeFileName_AsciiEndingInPng(string name, string expected) =>
        Assert.Equal(expected, DiscordReplyRenderer.SafeFileName(name));

    [Fact]
    public void Render_Alerts_RedAmberGreen_CodeInFooter()
    {
        var error = DiscordReplyRenderer.Render(AlertSamples.Failing());
        var warn = DiscordReplyRenderer.Render(AlertSamples.Failing(ReplySeverity.Warn, "rate.limited"));
        var recovered = DiscordReplyRenderer.Render(AlertSamples.Recovered());
        var bare = DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.Recovery, Text = "prod-gemini works again\nsince 03:02 UTC" });

        Assert.Equal(DiscordReplyRenderer.ErrorColor, error.Embeds![0].Color);
        Assert.Equal(DiscordReplyRenderer.AmberColor, warn.Embeds![0].Color);
        Assert.Equal("code: rate.limited", warn.Embeds![0].Footer);
        Assert.Equal(DiscordReplyRenderer.OkColor, recovered.Embeds![0].Color);
        Assert.Equal("code: ok", recovered.Embeds![0].Footer);
        Assert.Equal("code: ok", bare.Embeds![0].Footer);
        Assert.Equal("prod-gemini works again", bare.Embeds![0].Title);
        Assert.Empty(DiscordLimits.Check(error));
        Assert.Equal("""{"parse":[]}""", error.ToJson(channelMessage: true)["allowed_mentions"]!.ToJsonString());
        LeakAssert.NoSecret(error.ToJson().ToJsonString(), AlertSamples.Key);
        Assert.IsType<JsonArray>(error.ToJson()["embeds"]);
    }

    [Fact]
    public void Render_AlertTestKind_IsGreenWithCodeOk_WhateverItsText()
    {
        var test = DiscordReplyRenderer.Render(AlertComposer.Test("#alerts", "u1", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));
        var plain = DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.AlertTest, Text = "🔔 A test alert\nNothing is broken." });

        Assert.Equal(ReplyKind.AlertTest, AlertComposer.Test("#alerts", "u1", DateTimeOffset.UnixEpoch).Kind);
        Assert.Equal(DiscordReplyRenderer.OkColor, test.Embeds![0].Color);
        Assert.Equal("code: ok", test.Embeds![0].Footer);
        Assert.Equal(DiscordReplyRenderer.OkColor, plain.Embeds![0].Color);
        Assert.Equal("code: ok", plain.Embeds![0].Footer);
        Assert.Equal("🔔 A test alert", plain.Embeds![0].Title);
    }

    [Fact]
    public void Render_CardlessAlert_EndingInCodeOk_IsStillAnAlert()
    {
        // The kind says what a reply is; the renderer no longer reads it from the text.
        var body = DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.Alert, Text = "prod-gemini failed (code: ok)\nsee /status" });

        Assert.Equal(DiscordReplyRenderer.ErrorColor, body.Embeds![0].Color);
        Assert.Null(body.Embeds![0].Footer);
    }
}

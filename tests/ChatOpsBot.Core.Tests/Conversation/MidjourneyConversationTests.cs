using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Midjourney;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>/diagnose midjourney with a place check registered: live checklist, verdict card, Details.</summary>
public sealed class MidjourneyConversationTests : IDisposable
{
    private readonly GatedCheck _check = new();
    private readonly ConversationHarness _harness;

    public MidjourneyConversationTests()
    {
        _harness = new ConversationHarness(new Dictionary<string, string?>(), configure: s => s.AddSingleton<IMidjourneyCheck>(_check));
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Midjourney_on_Discord_moves_the_checklist_then_ends_in_the_card_with_the_code()
    {
        var message = ConversationHarness.InChannel("/diagnose midjourney") with { Place = new ChatPlace("300", "100"), Facts = new PlatformFacts { UserPermissions = "2147483648" } };
        var sink = new RecordingReplySink(true);
        var run = _harness.Service.HandleAsync(message, sink, TestContext.Current.CancellationToken);

        await _check.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        // The pending checklist was sent before the check started; the check's first stage may already have edited it.
        Assert.NotEmpty(sink.Replies);
        Assert.All(sink.Replies, r => Assert.Equal(ReplyKind.Progress, r.Kind));
        var progress = sink.Replies.First();
        Assert.Equal(ReplyKind.Progress, progress.Kind);
        Assert.Equal(6, progress.Checklist!.Rows[0].Stages.Count);
        _check.Release.SetResult();
        await run;

        Assert.Same(message, _check.Seen);
        var final = sink.Calls[^1];
        Assert.Equal("finish", final.Call);
        var card = Assert.Single(final.Reply!.Cards);
        Assert.Equal(VerdictCodes.DiscordMjBotMissing, card.Verdict.Code);
        Assert.Equal("Midjourney — The Midjourney Bot is not in this server", card.Heading);
        Assert.Contains(card.Sections, s => s.Heading == "What no bot can see (check these yourself)");
        Assert.Contains(final.Reply.Checklist!.Rows[0].Stages, s => s.Stage == nameof(DiagnosticStage.MidjourneyBot) && s.State == StageState.Failed);

        var details = final.Reply.Buttons.Single(b => b.Action == ReplyButtonAction.Details);
        Assert.DoesNotContain(final.Reply.Buttons, b => b.Action == ReplyButtonAction.Rerun);
        var pressed = await _harness.SendAsync(ConversationHarness.InChannel("") with { ButtonId = details.CustomId, Text = null });
        Assert.Contains("[discord.mj_bot_missing]", PlainTextRenderer.Render(pressed.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Midjourney_on_Telegram_has_no_check_and_says_it_lives_on_Discord()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm("/diagnose midjourney", platform: ChatPlatform.Telegram));

        Assert.Null(_check.Seen);
        Assert.Contains("lives on Discord", sink.Last.Text, StringComparison.Ordinal);
    }

    /// <summary>A Discord place check that stops after its first stage until released, then judges a server without Midjourney.</summary>
    private sealed class GatedCheck : IMidjourneyCheck
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IncomingMessage? Seen { get; private set; }

        public ChatPlatform Platform => ChatPlatform.Discord;

        public async Task<ProviderReport> RunAsync(IncomingMessage message, IProgress<DiagnosisEvent> progress, CancellationToken cancellationToken)
        {
            Seen = message;
            progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.Server));
            Started.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            var snapshot = new MidjourneySnapshot
            {
                GuildId = 100,
                ChannelId = 300,
                InteractionChannelType = 0,
                UserPermissions = DiscordPermissions.UseApplicationCommands | DiscordPermissions.SendMessages | DiscordPermissions.ReadMessageHistory,
                Guild = Readable<GuildFacts>.Of(new GuildFacts(100, 1)),
                Roles = Readable<IReadOnlyList<RoleFacts>>.Of([new RoleFacts(100, DiscordPermissions.ViewChannel)]),
                Channel = Readable<ChannelFacts>.Of(new ChannelFacts(300, 0, null, [])),
                MidjourneyBot = MemberLookup.NotAMember,
            };
            var findings = MidjourneyJudge.Judge(snapshot);
            foreach (var f in findings)
            {
                progress.Report(new FindingAdded(ProviderId.Midjourney, f));
            }

            return new ProviderReport(ProviderId.Midjourney, MidjourneyJudge.Verdict(findings), null, null, TimeSpan.FromMilliseconds(5), findings, true);
        }
    }
}

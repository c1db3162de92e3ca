using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Models;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// Live checklist edits under a burst: each interaction edits at most once per interval, the whole process at most
/// <see cref="LiveEditBudget.PerSecond"/> progress edits a second; whatever is over is dropped, and every final answer
/// still lands on its own <c>@original</c>.
/// </summary>
public sealed class LiveEditCoalescingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Reply Progress(string step) => new() { Kind = ReplyKind.Progress, Text = "Diagnosing… " + step };

    private static Reply Final(int i) => new() { Kind = ReplyKind.Info, Text = $"Verdict {i}: ok" };

    private static DiscordInteraction Register(DiscordHarness h)
    {
        var payload = h.Fake.SlashCommand("diagnose", [], guildId: 5);
        h.Fake.RegisterInteraction(payload);
        using var doc = System.Text.Json.JsonDocument.Parse(payload.ToJsonString());
        return DiscordInteraction.Parse(doc.RootElement.Clone());
    }

    [Fact]
    public async Task Burst_ManyInteractions_ProgressWithinBudgetAndEveryFinalLands()
    {
        await using var h = await DiscordHarness.StartAsync();
        const int count = 12;
        var budget = new LiveEditBudget(h.ClientTime, perSecond: 3);
        var interactions = Enumerable.Range(0, count).Select(_ => Register(h)).ToList();
        foreach (var interaction in interactions)
        {
            await h.Rest.DeferAsync(interaction, ephemeral: true, Ct);
        }

        var sinks = interactions.Select(i => new InteractionReplySink(h.Rest, i, ephemeral: true, h.ClientTime, TimeSpan.FromSeconds(1), budget)).ToList();

        // Second 0: every diagnosis sends its pending checklist at once; second 1 and 2: each has a new state.
        foreach (var sink in sinks)
        {
            await sink.SendAsync(Progress("pending"), Ct);
        }

        for (var second = 1; second <= 2; second++)
        {
            h.ClientTime.Advance(TimeSpan.FromSeconds(1));
            foreach (var sink in sinks)
            {
                await sink.UpdateAsync(Progress("step " + second), Ct);
            }
        }

        for (var i = 0; i < count; i++)
        {
            await sinks[i].FinishAsync(Final(i), Ct);
        }

        var edits = h.Fake.Calls.Where(c => c.Method == "PATCH" && c.Path.EndsWith("/messages/@original", StringComparison.Ordinal)).ToList();
        var progress = edits.Count(c => c.Body.Contains("Diagnosing", StringComparison.Ordinal));
        Assert.Equal(3 * 3, progress); // three windows of one second, three progress edits each
        Assert.Equal(count, edits.Count(c => c.Body.Contains("Verdict", StringComparison.Ordinal)));
        Assert.All(edits, e => Assert.Equal(200, e.Status));
        for (var i = 0; i < count; i++)
        {
            Assert.Contains($"Verdict {i}: ok", h.Fake.Interactions[interactions[i].Id].Original!.ToJsonString(), StringComparison.Ordinal);
        }

        h.AssertNoTokenLeaked(interactions.Select(i => i.Token).ToArray());
    }

    [Fact]
    public async Task SendAsync_PendingChecklistDropped_NextMessageIsStillAFollowUp()
    {
        await using var h = await DiscordHarness.StartAsync();
        var budget = new LiveEditBudget(h.ClientTime, perSecond: 1);
        Assert.True(budget.TryTake()); // another diagnosis spent this second's budget
        var interaction = Register(h);
        await h.Rest.DeferAsync(interaction, ephemeral: false, Ct);
        var sink = new InteractionReplySink(h.Rest, interaction, ephemeral: false, h.ClientTime, TimeSpan.FromSeconds(1), budget);

        await sink.SendAsync(Progress("pending"), Ct);
        await sink.SendAsync(new Reply { Kind = ReplyKind.Info, Text = "A second message" }, Ct);
        await sink.FinishAsync(Final(0), Ct);

        var record = h.Fake.Interactions[interaction.Id];
        Assert.Contains("Verdict 0: ok", record.Original!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("A second message", Assert.Single(record.Followups).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Fake.Calls, c => c.Body.Contains("Diagnosing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_WithinTheInterval_DroppedEvenWithBudgetLeft()
    {
        await using var h = await DiscordHarness.StartAsync();
        var budget = new LiveEditBudget(h.ClientTime, perSecond: 100);
        var interaction = Register(h);
        await h.Rest.DeferAsync(interaction, ephemeral: true, Ct);
        var sink = new InteractionReplySink(h.Rest, interaction, ephemeral: true, h.ClientTime, TimeSpan.FromSeconds(1), budget);

        await sink.SendAsync(Progress("pending"), Ct);
        await sink.UpdateAsync(Progress("step 1"), Ct);
        h.ClientTime.Advance(TimeSpan.FromSeconds(1));
        await sink.UpdateAsync(Progress("step 2"), Ct);

        var bodies = h.Fake.Calls.Where(c => c.Method == "PATCH").Select(c => c.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains("pending", bodies[0], StringComparison.Ordinal);
        Assert.Contains("step 2", bodies[1], StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Tests.Gateway;

/// <summary>
/// Several shards in one process and in two, against the fake gateway that routes each server's events to its shard,
/// DMs to shard 0, and answers an Identify too early in its rate-limit bucket with op 9 false, as Discord does. The
/// clients and the fake share one fake clock; nothing sleeps.
/// </summary>
public sealed class ShardingTests
{
    private static readonly DateTimeOffset T0 = DiscordHarness.Start;

    [Fact]
    public async Task TwoShards_OneProcess_EachServersEventsOnItsShard_DmsOnShard0()
    {
        var onShard0 = FakeDiscordServer.GuildOnShard(0, 2);
        var onShard1 = FakeDiscordServer.GuildOnShard(1, 2);
        await using var h = await StartAsync(f => { f.Guilds.Add(onShard0); f.Guilds.Add(onShard1); }, s => { s["Discord:ShardIds"] = "0-1"; s["Discord:ShardCount"] = "2"; });

        var ready0 = await h.NextDispatchAsync(GatewayDispatch.Ready);
        var guild0 = await h.NextDispatchAsync(GatewayDispatch.GuildCreate);
        Assert.Equal(TimeSpan.FromSeconds(5), await h.NextWaitAsync("identify-turn"));
        h.ClientTime.Advance(TimeSpan.FromSeconds(5));
        var ready1 = await h.NextDispatchAsync(GatewayDispatch.Ready);
        var guild1 = await h.NextDispatchAsync(GatewayDispatch.GuildCreate);
        await h.Gateway.WaitUntilReadyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, ready0.ShardId);
        Assert.Equal([0, 2], ready0.AsReady().Shard!);
        Assert.Equal(1, ready1.ShardId);
        Assert.Equal([1, 2], ready1.AsReady().Shard!);
        Assert.Equal([onShard0], ready0.AsReady().GuildIds);
        Assert.Equal([onShard1], ready1.AsReady().GuildIds);
        Assert.Equal((0, onShard0), (guild0.ShardId, guild0.AsGuild().Id));
        Assert.Equal((1, onShard1), (guild1.ShardId, guild1.AsGuild().Id));
        Assert.Equal([(0, 2, T0, true), (1, 2, T0.AddSeconds(5), true)], h.Fake.Identifies.Select(i => (i.ShardId, i.ShardCount, i.At, i.Accepted)));
        Assert.Equal(GatewayState.Ready, h.Gateway.State);
        Assert.Equal((2, 2), (h.Gateway.ShardIds.Count, h.Gateway.ShardCount));

        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("in a server on shard 1", channelId: 5, guildId: onShard1));
        var inGuild = await h.NextDispatchAsync(GatewayDispatch.MessageCreate);
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("a DM", channelId: 6));
        var inDm = await h.NextDispatchAsync(GatewayDispatch.MessageCreate);

        Assert.Equal((1, "in a server on shard 1"), (inGuild.ShardId, inGuild.AsMessage().Content));
        Assert.Equal((0, "a DM"), (inDm.ShardId, inDm.AsMessage().Content));
        var shard0 = h.Fake.ShardConnection(0)!;
        var shard1 = h.Fake.ShardConnection(1)!;
        Assert.Equal(["READY", "GUILD_CREATE", "MESSAGE_CREATE"], shard0.Dispatched.Select(d => d.Name)); // the server's message never on shard 0
        Assert.Equal(["READY", "GUILD_CREATE", "MESSAGE_CREATE"], shard1.Dispatched.Select(d => d.Name)); // the DM never on shard 1
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task Send_GuildPayloadGoesToItsShard_PresenceToEveryShard()
    {
        var onShard1 = FakeDiscordServer.GuildOnShard(1, 2);
        await using var h = await StartAsync(null, s => s["Discord:ShardIds"] = "0-1", recommended: 2);
        await h.NextDispatchAsync(GatewayDispatch.Ready);
        h.ClientTime.Advance(await h.NextWaitAsync("identify-turn"));
        await h.NextDispatchAsync(GatewayDispatch.Ready);
        var ct = TestContext.Current.CancellationToken;

        await h.Gateway.SendAsync(8, new JsonObject { ["guild_id"] = onShard1.ToString(), ["query"] = "", ["limit"] = 0 }, ct);
        await h.Gateway.SendAsync(3, new JsonObject { ["since"] = null, ["activities"] = new JsonArray(), ["status"] = "online", ["afk"] = false }, ct);

        await h.Fake.WaitUntilAsync(() => h.Fake.FramesWithOp(3).Count == 2, "a presence update on each shard");
        var shard0 = h.Fake.ShardConnection(0)!.Id;
        var shard1 = h.Fake.ShardConnection(1)!.Id;
        Assert.Equal([shard1], h.Fake.FramesWithOp(8).Select(f => f.ConnectionId));
        Assert.Equal([shard0, shard1], h.Fake.FramesWithOp(3).Select(f => f.ConnectionId).Order());
    }

    [Fact]
    public async Task FourShards_TwoBuckets_TwoIdentifyAtOnce_TheNextTwoFiveSecondsLater()
    {
        await using var h = await StartAsync(f => f.MaxConcurrency = 2, _ => { }, recommended: 4);

        await h.Fake.WaitUntilAsync(() => h.Fake.Identifies.Count == 2, "shards 0 and 1 (keys 0 and 1) at once");
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], [await h.NextWaitAsync("identify-turn"), await h.NextWaitAsync("identify-turn")]);
        h.ClientTime.Advance(TimeSpan.FromSeconds(5));
        await h.Fake.WaitUntilAsync(() => h.Fake.Identifies.Count == 4, "shards 2 and 3");
        for (var i = 0; i < 4; i++)
        {
            await h.NextDispatchAsync(GatewayDispatch.Ready);
        }

        var identifies = h.Fake.Identifies.OrderBy(i => i.ShardId).Select(i => (i.ShardId, i.ShardCount, i.At, i.Accepted));
        Assert.Equal([(0, 4, T0, true), (1, 4, T0, true), (2, 4, T0.AddSeconds(5), true), (3, 4, T0.AddSeconds(5), true)], identifies);
        Assert.DoesNotContain(h.Fake.Identifies, i => !i.Accepted);
        Assert.Equal([0, 1, 2, 3], h.Gateway.ShardIds);
    }

    [Fact]
    public async Task TwoProcesses_StartedAtOnce_TakeTurnsBucketByBucket_NoIdentifyRefused()
    {
        await using var a = await StartAsync(null, s => { s["Discord:ShardIds"] = "0-1"; s["Discord:ShardCount"] = "4"; });
        await using var b = a.AddProcess(s => { s["Discord:ShardIds"] = "2-3"; s["Discord:ShardCount"] = "4"; });
        b.Run();

        await a.NextDispatchAsync(GatewayDispatch.Ready);
        Assert.Equal(TimeSpan.FromSeconds(5), await a.NextWaitAsync("identify-turn"));
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)], new[] { await b.NextWaitAsync("identify-turn"), await b.NextWaitAsync("identify-turn") }.Order());
        for (var step = 2; step <= 4; step++)
        {
            a.ClientTime.Advance(TimeSpan.FromSeconds(5));
            await a.Fake.WaitUntilAsync(() => a.Fake.Identifies.Count == step, $"identify {step}");
        }

        await a.NextDispatchAsync(GatewayDispatch.Ready);
        var fromB = new[] { await b.NextDispatchAsync(GatewayDispatch.Ready), await b.NextDispatchAsync(GatewayDispatch.Ready) };
        Assert.Equal(
            [(0, T0, true), (1, T0.AddSeconds(5), true), (2, T0.AddSeconds(10), true), (3, T0.AddSeconds(15), true)],
            a.Fake.Identifies.Select(i => (i.ShardId, i.At, i.Accepted)));
        Assert.Equal([2, 3], fromB.Select(d => d.ShardId).Order());
        Assert.Equal([0, 1], a.Gateway.ShardIds);
        Assert.Equal([2, 3], b.Gateway.ShardIds);
        Assert.Contains(b.Logs.Collector.GetSnapshot(), r => r.Is<DiscordGatewayClient>(30) && r.Message.Contains("run by another process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Op9False_OnOneShard_OnlyThatShardIdentifiesAgain_Op9True_OnTheOther_Resumes()
    {
        await using var h = await StartAsync(null, s => s["Discord:ShardIds"] = "0-1", recommended: 2);
        await h.NextDispatchAsync(GatewayDispatch.Ready);
        h.ClientTime.Advance(await h.NextWaitAsync("identify-turn"));
        await h.NextDispatchAsync(GatewayDispatch.Ready);
        var shard0 = h.Fake.ShardConnection(0)!;

        await h.Fake.SendInvalidSessionAsync(resumable: false, on: h.Fake.ShardConnection(1));
        h.ClientTime.Advance(await h.NextWaitAsync("invalid-session")); // 3 s (1–5 s, jitter fixed at 0.5)
        Assert.Equal(TimeSpan.FromSeconds(2), await h.NextWaitAsync("identify")); // 5 s after shard 1's own identify
        h.ClientTime.Advance(TimeSpan.FromSeconds(2));
        var again = await h.NextDispatchAsync(GatewayDispatch.Ready);

        Assert.Equal(1, again.ShardId);
        Assert.Equal([0, 1, 1], h.Fake.Identifies.Select(i => i.ShardId));
        Assert.All(h.Fake.Identifies, i => Assert.True(i.Accepted));
        Assert.True(shard0.IsOpen); // shard 0 never noticed

        await h.Fake.SendInvalidSessionAsync(resumable: true, on: shard0);
        var resumed = await h.NextDispatchAsync(GatewayDispatch.Resumed);

        Assert.Equal(0, resumed.ShardId);
        Assert.Equal([0], h.Fake.FramesWithOp(6).Select(f => h.Fake.Connections.Single(c => c.Id == f.ConnectionId).ShardId));
        Assert.Equal(3, h.Fake.Identifies.Count);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task IdentifyTooEarlyInItsBucket_GetsOp9_TheShardWaitsAndIdentifiesAgain()
    {
        // Two processes must identify anew at the same moment (op 9 on both): each keeps 5 s from its own last
        // identify, but not from the other's, so they meet in the one bucket of max_concurrency 1. Discord takes one.
        await using var a = await StartAsync(null, s => { s["Discord:ShardIds"] = "0"; s["Discord:ShardCount"] = "2"; });
        await using var b = a.AddProcess(s => { s["Discord:ShardIds"] = "1"; s["Discord:ShardCount"] = "2"; });
        b.Run();
        await a.NextDispatchAsync(GatewayDispatch.Ready);
        a.ClientTime.Advance(await b.NextWaitAsync("identify-turn"));
        await b.NextDispatchAsync(GatewayDispatch.Ready);
        a.ClientTime.Advance(TimeSpan.FromSeconds(15)); // t20

        await a.Fake.SendInvalidSessionAsync(resumable: false, on: a.Fake.ShardConnection(0));
        await a.Fake.SendInvalidSessionAsync(resumable: false, on: a.Fake.ShardConnection(1));
        await a.NextWaitAsync("invalid-session");
        await b.NextWaitAsync("invalid-session");
        a.ClientTime.Advance(TimeSpan.FromSeconds(3)); // t23: both identify
        await a.Fake.WaitUntilAsync(() => a.Fake.Identifies.Count == 4, "both identifies at t23");
        var refused = Assert.Single(a.Fake.Identifies, i => !i.Accepted);
        var loser = refused.ShardId == 0 ? a : b;
        var winner = refused.ShardId == 0 ? b : a;
        await winner.NextDispatchAsync(GatewayDispatch.Ready);
        a.ClientTime.Advance(await loser.NextWaitAsync("invalid-session")); // 3 s
        a.ClientTime.Advance(await loser.NextWaitAsync("reconnect")); // 0.75 s: a session that never got READY counts as a failure
        Assert.Equal(TimeSpan.FromSeconds(1.25), await loser.NextWaitAsync("identify")); // 5 s after its refused identify
        a.ClientTime.Advance(TimeSpan.FromSeconds(1.25));
        var ready = await loser.NextDispatchAsync(GatewayDispatch.Ready);

        Assert.Equal(refused.ShardId, ready.ShardId);
        Assert.Equal(
            [(T0, true), (T0.AddSeconds(5), true), (T0.AddSeconds(23), true), (T0.AddSeconds(23), false), (T0.AddSeconds(28), true)],
            a.Fake.Identifies.Select(i => (i.At, i.Accepted)).OrderBy(i => i.At).ThenByDescending(i => i.Accepted));
        Assert.Equal(2, loser.Logs.Collector.GetSnapshot().Count(r => r.Is<DiscordGatewayClient>(2) && r.Message.Contains("op 9", StringComparison.Ordinal)));
        loser.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task SessionStartLimitSpent_EveryShardWaitsForTheReset_LoggedOnce()
    {
        await using var h = await StartAsync(f => f.SessionStartRemaining = 0, s => s["Discord:ShardIds"] = "0-1", recommended: 2);

        var wait = await h.NextWaitAsync("session-start-limit");
        Assert.Equal(TimeSpan.FromMilliseconds(14_400_000), wait);
        h.ClientTime.Advance(wait);
        await h.NextDispatchAsync(GatewayDispatch.Ready);
        h.ClientTime.Advance(await h.NextWaitAsync("identify"));
        await h.NextDispatchAsync(GatewayDispatch.Ready);

        Assert.Single(h.Logs.Collector.GetSnapshot(), r => r.Is<DiscordGatewayClient>(11) && r.Level == LogLevel.Error);
        Assert.Equal([T0.AddHours(4), T0.AddHours(4).AddSeconds(5)], h.Fake.Identifies.Select(i => i.At));
    }

    [Fact]
    public async Task Close4011_ShardingRequired_StopsEveryShard_WithAClearLine()
    {
        await using var h = await StartAsync(f =>
        {
            f.MaxGuildsPerShard = 1;
            f.Guilds.Add(FakeDiscordServer.GuildOnShard(0, 2));
            f.Guilds.Add(FakeDiscordServer.GuildOnShard(0, 2, seed: 888_000_000_000_000_000));
        }, s => s["Discord:ShardIds"] = "0-1", recommended: 2, run: false);

        h.Run(); // shard 1 waits its turn (5 s that never pass here); shard 0 is refused meanwhile
        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Running!);

        Assert.Equal(4011, ex.CloseCode);
        Assert.Contains("Discord:ShardCount", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Fake.Identifies); // shard 1 never identified: the fatal close stopped it
        Assert.Equal(GatewayState.Stopped, h.Gateway.State);
        var critical = Assert.Single(h.Logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("shard 0/2", critical.Message, StringComparison.Ordinal);
        h.AssertNoTokenLeaked(ex.ToString());
    }

    [Fact]
    public async Task ShardIdsBeyondTheRecommendedCount_StopAtStart_NoConnection()
    {
        await using var h = await StartAsync(null, s => s["Discord:ShardIds"] = "2-3", recommended: 2, run: false);

        h.Run();
        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Running!);

        Assert.Equal("Discord gateway stopped: Discord:ShardIds names shard(s) 2-3, but GET /gateway/bot recommends 2 shard(s) (ids 0-1). Set Discord:ShardCount to the count all processes share.", ex.Message);
        Assert.Empty(h.Fake.Connections);
        Assert.Single(h.Logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical);
    }

    private static async Task<DiscordHarness> StartAsync(Action<FakeDiscordOptions>? fake, Action<Dictionary<string, string?>> client, int recommended = 1, bool run = true)
    {
        var h = await DiscordHarness.StartAsync(
            f =>
            {
                f.EnforceIdentifyConcurrency = true;
                f.HeartbeatIntervalMs = 1_000_000; // heartbeats are not the subject: far beyond every step here
                f.HeartbeatGraceFactor = null;
                f.RecommendedShards = recommended;
                fake?.Invoke(f);
            },
            (s, _) => client(s),
            shareClock: true);
        if (run)
        {
            h.Run();
        }

        return h;
    }
}

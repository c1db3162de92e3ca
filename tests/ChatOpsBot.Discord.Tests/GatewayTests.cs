using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Tests;

public sealed class GatewayTests
{
    [Fact]
    public async Task Run_NewSession_IdentifiesWithRawTokenAndGetsReady()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.Guilds.Add(777));

        var ready = (await h.RunUntilReadyAsync()).AsReady();

        var identify = Assert.Single(h.Fake.FramesWithOp(2)).Data!;
        Assert.Equal(h.Token, (string?)identify["token"]);
        Assert.Equal(37377, (int)identify["intents"]!);
        Assert.Equal("linux", (string?)identify["properties"]!["os"]);
        Assert.Equal("chatopsbot", (string?)identify["properties"]!["browser"]);
        Assert.Equal("chatopsbot", (string?)identify["properties"]!["device"]);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        var connection = Assert.Single(h.Fake.Connections);
        Assert.Equal("/", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal(h.Fake.Options.BotUserId, ready.User.Id);
        Assert.Equal(h.Fake.Options.ApplicationId, ready.ApplicationId);
        Assert.Equal(h.Fake.ResumeGatewayUrl.ToString().TrimEnd('/'), ready.ResumeGatewayUrl.ToString().TrimEnd('/'));
        Assert.Equal(777UL, (await h.NextDispatchAsync(GatewayDispatch.GuildCreate)).AsGuild().Id);
        Assert.Equal(GatewayState.Ready, h.Gateway.State);
        var gatewayBot = Assert.Single(h.Fake.Calls, c => c.Path == "/gateway/bot");
        Assert.Equal(200, gatewayBot.Status);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task Heartbeat_FirstAfterJitteredInterval_ThenEveryInterval_CarryingLastSequence()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000);
        h.Gateway.Jitter = () => 0.25;

        await h.RunUntilReadyAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(250), await h.NextWaitAsync("heartbeat"));
        var c = h.Fake.Current!;

        h.ClientTime.Advance(TimeSpan.FromMilliseconds(249));
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("barrier", channelId: 1)); // a round trip: anything sent before it has arrived
        await h.NextDispatchAsync(GatewayDispatch.MessageCreate);
        Assert.Empty(c.Heartbeats);

        h.ClientTime.Advance(TimeSpan.FromMilliseconds(1));
        await h.Fake.WaitUntilAsync(() => c.Heartbeats.Count == 1, "the first heartbeat");
        Assert.Equal(2, c.Heartbeats[0]); // READY was 1, the message 2
        Assert.Equal(TimeSpan.FromSeconds(1), await h.NextWaitAsync("heartbeat"));
        await h.Fake.WaitUntilAsync(() => c.AcksSent == 1, "the ACK sent");

        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("three", channelId: 1)); // after the ACK: the client reads frames in order
        await h.NextDispatchAsync(GatewayDispatch.MessageCreate);
        Assert.Equal(1, h.Gateway.HeartbeatAcks);
        h.ClientTime.Advance(TimeSpan.FromMilliseconds(999));
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("barrier", channelId: 1));
        await h.NextDispatchAsync(GatewayDispatch.MessageCreate);
        Assert.Single(c.Heartbeats);

        h.ClientTime.Advance(TimeSpan.FromMilliseconds(1));
        await h.Fake.WaitUntilAsync(() => c.Heartbeats.Count == 2, "the second heartbeat");
        Assert.Equal(4, c.Heartbeats[1]);
        Assert.Single(h.Fake.Connections);
    }

    [Fact]
    public async Task ReceivedOp1_AnsweredWithAHeartbeatAtOnce()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.RequestHeartbeatAsync();

        await h.Fake.WaitUntilAsync(() => h.Fake.Current!.Heartbeats.Count == 1, "a heartbeat");
        Assert.Equal(1, h.Fake.Current!.Heartbeats[0]);
    }

    [Fact]
    public async Task Zombie_NoAckBeforeNextBeat_ClosesWithNon1000AndResumes()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000);
        var ready = (await h.RunUntilReadyAsync()).AsReady();
        await h.NextWaitAsync("heartbeat");
        h.Fake.StopAcking = true;

        h.ClientTime.Advance(TimeSpan.FromMilliseconds(500));
        await h.NextWaitAsync("heartbeat"); // the next beat is scheduled: the first is on its way
        await h.Fake.WaitUntilAsync(() => h.Fake.Connections[0].Heartbeats.Count == 1, "the unanswered heartbeat");
        h.Fake.StopAcking = false;
        h.ClientTime.Advance(TimeSpan.FromSeconds(1));

        await h.NextDispatchAsync(GatewayDispatch.Resumed);
        var first = h.Fake.Connections[0];
        Assert.NotNull(first.ClientCloseCode);
        Assert.NotEqual(1000, first.ClientCloseCode);
        Assert.NotEqual(1001, first.ClientCloseCode);
        Assert.Equal("/resume", h.Fake.Connections[1].Path);
        Assert.Equal("?v=10&encoding=json", h.Fake.Connections[1].Query);
        var resume = Assert.Single(h.Fake.FramesWithOp(6)).Data!;
        Assert.Equal(ready.SessionId, (string?)resume["session_id"]);
        Assert.Equal(1, (int)resume["seq"]!);
        Assert.Equal(h.Token, (string?)resume["token"]);
        Assert.Single(h.Fake.FramesWithOp(2));
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task Op7_ResumesAndReplaysTheEventSentMeanwhile_NothingLostNothingTwice()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.SendReconnectAsync();
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("sent during the reconnect", channelId: 9));

        // Usually the message is replayed before RESUMED; on a slow machine the client may have resumed before the
        // injection, and then it arrives after. Either way: exactly once.
        var next = new[] { await h.NextDispatchAsync(), await h.NextDispatchAsync() };
        Assert.Equal([GatewayDispatch.MessageCreate, GatewayDispatch.Resumed], next.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("sent during the reconnect", next.Single(d => d.Name == GatewayDispatch.MessageCreate).AsMessage().Content);
        Assert.Equal([2, 3], next.Select(d => d.Sequence).Order());
        Assert.False(h.Gateway.Dispatches.TryPeek(out _));
        Assert.Equal(2, h.Fake.Connections.Count);
        Assert.NotEqual(1000, h.Fake.Connections[0].ClientCloseCode ?? 0);
        Assert.Equal("/resume", h.Fake.Connections[1].Path);
        Assert.Single(h.Fake.FramesWithOp(2));
        Assert.Single(h.Fake.FramesWithOp(6));
    }

    [Fact]
    public async Task Op9False_NewConnectionOnCachedGatewayUrl_IdentifiesAfterTheConcurrencyWindow()
    {
        await using var h = await DiscordHarness.StartAsync();
        var first = (await h.RunUntilReadyAsync()).AsReady();

        await h.Fake.SendInvalidSessionAsync(resumable: false);
        var pause = await h.NextWaitAsync("invalid-session");
        Assert.Equal(TimeSpan.FromSeconds(3), pause); // 1–5 s, jitter fixed at 0.5
        h.ClientTime.Advance(pause);
        var wait = await h.NextWaitAsync("identify"); // max_concurrency 1: 5 s after the first identify
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        h.ClientTime.Advance(wait);

        var second = (await h.NextDispatchAsync(GatewayDispatch.Ready)).AsReady();
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(2, h.Fake.FramesWithOp(2).Count);
        Assert.Empty(h.Fake.FramesWithOp(6));
        Assert.Equal("/", h.Fake.Connections[1].Path);
    }

    [Fact]
    public async Task Op9True_Resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.SendInvalidSessionAsync(resumable: true);

        await h.NextDispatchAsync(GatewayDispatch.Resumed);
        Assert.Single(h.Fake.FramesWithOp(6));
    }

    [Fact]
    public async Task DroppedTcp_Resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        h.Fake.DropConnection();
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("after the drop", channelId: 9));

        var next = new[] { await h.NextDispatchAsync(), await h.NextDispatchAsync() }; // replayed before RESUMED, or sent after it
        Assert.Equal([GatewayDispatch.MessageCreate, GatewayDispatch.Resumed], next.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("after the drop", next.Single(d => d.Name == GatewayDispatch.MessageCreate).AsMessage().Content);
        Assert.Equal("/resume", h.Fake.Connections[1].Path);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    public async Task ResumableCloseCodes_Resume(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.CloseAsync(code);

        await h.NextDispatchAsync(GatewayDispatch.Resumed);
        Assert.Single(h.Fake.FramesWithOp(2));
    }

    [Fact]
    public async Task Close4009_StartsANewSession()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.CloseAsync(4009);
        await h.NextWaitAsync("identify");
        h.ClientTime.Advance(TimeSpan.FromSeconds(5));

        await h.NextDispatchAsync(GatewayDispatch.Ready);
        Assert.Equal(2, h.Fake.FramesWithOp(2).Count);
        Assert.Empty(h.Fake.FramesWithOp(6));
    }

    [Fact]
    public async Task Close4004_StopsWithOneClearLine_NoReconnect()
    {
        // A configured gateway URL and shard count: no REST call, so the bad token meets the gateway itself.
        await using var h = await DiscordHarness.StartAsync(f => f.Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects", client: (s, fake) =>
        {
            s["Discord:GatewayUrl"] = fake.GatewayUrl.ToString();
            s["Discord:ShardCount"] = "1";
        });

        h.Run();
        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Running!);

        Assert.Equal(4004, ex.CloseCode);
        Assert.Single(h.Fake.Connections);
        Assert.Single(h.Fake.FramesWithOp(2));
        Assert.Equal(GatewayState.Stopped, h.Gateway.State);
        var critical = Assert.Single(h.Logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.True(critical.Is<DiscordGatewayClient>(1), $"Expected FatalClose, got event {critical.Id}.");
        Assert.Contains("4004", critical.Value("Reason"), StringComparison.Ordinal); // the operator sees the close code
        Assert.Empty(h.Fake.Calls);
        LeakAssert(h, ex.ToString());
    }

    [Fact]
    public async Task Close4014_DisallowedIntent_IsFatal()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.EnabledPrivilegedIntents = 0);

        h.Run();
        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Running!);

        Assert.Equal(4014, ex.CloseCode);
        Assert.Contains("Message Content", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Fake.Connections);
    }

    [Fact]
    public async Task RestRefusesToken_IsFatal_NoGatewayConnection()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects");

        h.Run();
        var ex = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Running!);

        Assert.Equal(401, ex.CloseCode);
        Assert.Empty(h.Fake.Connections);
        LeakAssert(h, ex.ToString());
    }

    [Fact]
    public async Task FrameNotJsonOrWithoutFields_SkippedAndLogged_ConnectionKept()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await h.Fake.SendRawAsync("this is not JSON " + h.Token);
        await h.Fake.SendRawAsync("""{"op":0,"d":{"id":"1"}}""");
        await h.Fake.SendRawAsync("""{"d":null}""");
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("still here", channelId: 9));

        Assert.Equal("still here", (await h.NextDispatchAsync(GatewayDispatch.MessageCreate)).AsMessage().Content);
        Assert.Single(h.Fake.Connections);
        Assert.Equal(3, h.Logs.Collector.GetSnapshot().Count(r => r.Is<DiscordGatewayClient>(3))); // BadFrame
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task SendBurst_StaysUnder120Per60s_RestWaitsForTheWindow()
    {
        await using var h = await DiscordHarness.StartAsync(f =>
        {
            f.HeartbeatIntervalMs = 100_000;
            f.HeartbeatGraceFactor = null;
        }, shareClock: true);
        h.Gateway.Jitter = () => 0.9;
        await h.RunUntilReadyAsync();
        var presence = new JsonObject { ["since"] = null, ["activities"] = new JsonArray(), ["status"] = "online", ["afk"] = false };

        var sends = Enumerable.Range(0, 130).Select(_ => h.Gateway.SendAsync(3, presence, TestContext.Current.CancellationToken)).ToList();
        await h.NextWaitAsync("send-limit");
        await h.Fake.WaitUntilAsync(() => h.Fake.FramesWithOp(3).Count == 114, "114 queued payloads (115 with identify)");
        Assert.True(h.Fake.Current!.IsOpen);
        Assert.Equal(114, h.Fake.FramesWithOp(3).Count);

        h.ClientTime.Advance(TimeSpan.FromSeconds(60));
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await h.Fake.WaitUntilAsync(() => h.Fake.FramesWithOp(3).Count == 130, "all 130");
        Assert.Null(h.Fake.Current?.ServerCloseCode);
        Assert.Single(h.Fake.Connections);
    }

    [Fact]
    public async Task Send_PayloadOver4096Bytes_Refused()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Gateway.SendAsync(3, new JsonObject { ["x"] = new string('a', 5000) }, TestContext.Current.CancellationToken));
        Assert.Empty(h.Fake.FramesWithOp(3));
    }

    [Fact]
    public async Task FakeGateway_SecondIdentify_Closes4005_AndOversizedPayload_4002()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.RunUntilReadyAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(h.Fake.GatewayUrl, "/?v=10&encoding=json"), TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken); // Hello

        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(new string(' ', 4097) + "{}"), System.Net.WebSockets.WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var result = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(4002, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task FakeGateway_MissedHeartbeat_ClosesTheConnection()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000);
        await h.RunUntilReadyAsync();
        await h.NextWaitAsync("heartbeat");
        var first = h.Fake.Connections[0];

        h.FakeTime.Advance(TimeSpan.FromMilliseconds(1500)); // the client's clock stands still: it never beats

        await h.Fake.WaitUntilAsync(() => first.MissedHeartbeat && !first.IsOpen, "the fake to close");
        Assert.Equal(4009, first.ServerCloseCode);
    }

    [Fact]
    public async Task Sharding_FromGatewayBot_WhenNotConfigured_RunsEveryRecommendedShard()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.RecommendedShards = 2);

        await h.RunUntilReadyAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), await h.NextWaitAsync("identify-turn")); // max_concurrency 1: shard 1 five seconds after shard 0
        h.ClientTime.Advance(TimeSpan.FromSeconds(5));
        await h.NextDispatchAsync(GatewayDispatch.Ready);

        Assert.Equal(["[0,2]", "[1,2]"], h.Fake.FramesWithOp(2).Select(f => f.Data!["shard"]!.ToJsonString()));
        Assert.Equal([0, 1], h.Gateway.ShardIds);
    }

    [Fact]
    public async Task Sharding_FromConfig_WinsOverGatewayBot()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.RecommendedShards = 2, client: (s, _) =>
        {
            s["Discord:ShardIds"] = "2";
            s["Discord:ShardCount"] = "3";
            s["Discord:Intents"] = "513";
        });

        h.Run();
        Assert.Equal(TimeSpan.FromSeconds(10), await h.NextWaitAsync("identify-turn")); // shards 0 and 1 (elsewhere) go first
        h.ClientTime.Advance(TimeSpan.FromSeconds(10));
        await h.NextDispatchAsync(GatewayDispatch.Ready);

        var identify = Assert.Single(h.Fake.FramesWithOp(2)).Data!;
        Assert.Equal("[2,3]", identify["shard"]!.ToJsonString());
        Assert.Equal(513, (int)identify["intents"]!);
    }

    [Fact]
    public async Task SessionStartLimit_NoIdentifiesLeft_WaitsForTheReset()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.SessionStartRemaining = 0);

        h.Run();
        var wait = await h.NextWaitAsync("session-start-limit");

        Assert.Equal(TimeSpan.FromMilliseconds(14_400_000), wait);
        Assert.Empty(h.Fake.Connections);
        h.ClientTime.Advance(wait);
        await h.NextDispatchAsync(GatewayDispatch.Ready);
    }

    [Fact]
    public async Task ConnectFailures_BackOffExponentiallyWithJitter_Capped()
    {
        await using var h = await DiscordHarness.StartAsync(client: (s, _) =>
        {
            s["Discord:GatewayUrl"] = "ws://127.0.0.1:1"; // nothing listens there
            s["Discord:ShardCount"] = "1";
            s["Discord:ReconnectBackoffCap"] = "00:00:03";
        });

        h.Run();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var wait = await h.NextWaitAsync("reconnect");
            waits.Add(wait);
            h.ClientTime.Advance(wait);
        }

        // Jitter is fixed at 0.5 in tests: each wait is 0.75 × min(cap, 2^(n-1) s).
        Assert.Equal([0.75, 1.5, 2.25, 2.25], waits.Select(w => w.TotalSeconds));
    }

    private static void LeakAssert(DiscordHarness h, string text) => h.AssertNoTokenLeaked(text);
}

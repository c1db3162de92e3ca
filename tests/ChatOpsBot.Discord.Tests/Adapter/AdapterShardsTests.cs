using ChatOpsBot.Testing.Discord;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>The adapter over two shards of one process: one REST client and one conversation layer behind both connections.</summary>
public sealed class AdapterShardsTests
{
    [Fact]
    public async Task TwoShards_CommandsRegisteredOnce_AServerOnShard1AndADmOnShard0_BothAnswered()
    {
        await using var h = await AdapterHarness.StartAsync(settings: (s, _) => { s["Discord:ShardIds"] = "0-1"; s["Discord:ShardCount"] = "2"; });
        h.Time.Advance(await h.NextWaitAsync("identify-turn")); // shard 1 identifies 5 s after shard 0
        await h.Fake.WaitUntilAsync(() => h.Fake.ShardConnection(1) is not null, "shard 1's session");
        var guildOnShard1 = FakeDiscordServer.GuildOnShard(1, 2);

        var inGuild = await h.Fake.InjectInteractionAsync(h.Slash("diagnose", guildOnShard1, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)));
        var guildEmbed = await h.FinalEmbedAsync(inGuild);
        var inDm = await h.Fake.InjectInteractionAsync(h.Slash("help", guildId: null));
        await h.Fake.WaitUntilAsync(() => inDm.Acknowledged, "the DM's answer");

        Assert.Equal("code: ok", (string?)guildEmbed["footer"]!["text"]);
        Assert.Contains(h.Fake.ShardConnection(1)!.Dispatched, d => d.Name == "INTERACTION_CREATE");
        Assert.Contains(h.Fake.ShardConnection(0)!.Dispatched, d => d.Name == "INTERACTION_CREATE");
        Assert.Single(h.Fake.Calls, c => c.Method == "PUT"); // two READYs, one bulk overwrite
        Assert.Equal(["[0,2]", "[1,2]"], h.Fake.FramesWithOp(2).Select(f => f.Data!["shard"]!.ToJsonString()));
        h.AssertNothingLeaked();
    }
}

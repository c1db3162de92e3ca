using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Tests.Cli;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>Shard settings a worker cannot run with stop it before it connects: exit code 2 and one line naming the setting.</summary>
public sealed class WorkerShardSettingsTests
{
    [Theory]
    [InlineData("0-3,2-5", "8", "Discord:ShardIds: 0-3 and 2-5 overlap (shards 2-3 would connect twice and answer every command twice). List each shard once.")]
    [InlineData("4-7", "4", "Discord:ShardIds names shards 4-7, but Discord:ShardCount is 4 (ids 0-3).")]
    [InlineData("0..3", "4", "Discord:ShardIds: the value is not a shard id or a range of them")]
    public async Task Worker_BadShardIds_ExitsTwoWithOneClearLine(string shardIds, string shardCount, string expected)
    {
        var env = new Dictionary<string, string>
        {
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = "http://127.0.0.1:9/api/v10", // never asked: the settings stop the worker first
            ["Discord__ShardIds"] = shardIds,
            ["Discord__ShardCount"] = shardCount,
        };

        var result = await CliHarness.RunAsync([], env);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chatopsbot: configuration error: " + expected, result.Error, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, FakeDiscordOptions.DefaultToken);
    }
}

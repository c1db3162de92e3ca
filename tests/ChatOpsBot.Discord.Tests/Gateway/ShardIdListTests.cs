using ChatOpsBot.Discord.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Tests.Gateway;

public sealed class ShardIdListTests
{
    [Theory]
    [InlineData("2", new[] { 2 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData(" 8 , 0-1,4 - 5 ", new[] { 0, 1, 4, 5, 8 })]
    [InlineData("7-7", new[] { 7 })]
    public void TryParse_IdRangeOrList_IdsInOrder(string text, int[] expected)
    {
        Assert.True(ShardIdList.TryParse(text, out var ids, out var problem), problem);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("0-3,2-5", "Discord:ShardIds: 0-3 and 2-5 overlap (shards 2-3 would connect twice and answer every command twice). List each shard once.")]
    [InlineData("4-7, 0-4", "Discord:ShardIds: 0-4 and 4-7 overlap (shard 4 would connect twice and answer every command twice). List each shard once.")]
    [InlineData("1,1", "Discord:ShardIds: 1 and 1 overlap (shard 1 would connect twice and answer every command twice). List each shard once.")]
    [InlineData("0-9,3", "Discord:ShardIds: 0-9 and 3 overlap (shard 3 would connect twice and answer every command twice). List each shard once.")]
    public void TryParse_Overlap_NamesBothPartsAndTheShards(string text, string expected)
    {
        Assert.False(ShardIdList.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("", "Discord:ShardIds is empty")]
    [InlineData("  ", "Discord:ShardIds is empty")]
    [InlineData("a", "Discord:ShardIds: the value is not a shard id or a range of them")]
    [InlineData("3-1", "Discord:ShardIds: the value runs backwards; write 1-3")]
    [InlineData("-1", "the value is not a shard id")]
    [InlineData("1-", "the value is not a shard id")]
    [InlineData("1-2-3", "the value is not a shard id")]
    [InlineData("1.5", "the value is not a shard id")]
    [InlineData("0-3,", "Discord:ShardIds: part 2 of 2 is empty (a stray comma?)")]
    [InlineData("0-1,x,5", "Discord:ShardIds: part 2 of 3 is not a shard id")]
    [InlineData("99999999999", "the value is not a shard id")]
    [InlineData("0-100000", "Discord:ShardIds names 100001 shards; one process runs at most 1024")]
    public void TryParse_Malformed_OneClearSentence(string text, string expected)
    {
        Assert.False(ShardIdList.TryParse(text, out var ids, out var problem));
        Assert.Empty(ids);
        Assert.StartsWith("Discord:ShardIds", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-proj-AbCdEf0123456789")]
    [InlineData("0-3,my-secret-token")]
    public void TryParse_Garbage_NeverRepeated(string text)
    {
        Assert.False(ShardIdList.TryParse(text, out _, out var problem));
        Assert.DoesNotContain("sk-proj", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_CompactsRuns() => Assert.Equal("0-3, 8, 10-11", ShardIdList.Describe([0, 1, 2, 3, 8, 10, 11]));

    [Theory]
    [InlineData("0-3,2-5", null, "overlap")]
    [InlineData("2-5", "4", "Discord:ShardIds names shards 4-5, but Discord:ShardCount is 4 (ids 0-3).")]
    [InlineData("1", "1", "Discord:ShardIds names shard 1, but Discord:ShardCount is 1 (only id 0).")]
    [InlineData("x", "4", "the value is not a shard id")]
    public void Options_BadShardIds_FailAtStart(string shardIds, string? shardCount, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Discord:ShardIds"] = shardIds, ["Discord:ShardCount"] = shardCount }));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ShardIdAndShardIds_BothSet_FailAtStart()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Discord:ShardIds"] = "0-1", ["Discord:ShardId"] = "0" }));

        Assert.Contains("Set Discord:ShardIds only", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Options_EmptyShardIds_MeanUnset(string empty) =>
        Assert.Null(Resolve(new() { ["Discord:ShardIds"] = empty, ["Discord:ShardCount"] = "" }).ConfiguredShardIds());

    [Fact]
    public void Options_ValidShardIds_Accepted() =>
        Assert.Equal("0-1,3", Resolve(new() { ["Discord:ShardIds"] = "0-1,3", ["Discord:ShardCount"] = "4" }).ShardIds);

    private static DiscordOptions Resolve(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDiscordClient()
            .BuildServiceProvider()
            .GetRequiredService<IOptions<DiscordOptions>>().Value;
}

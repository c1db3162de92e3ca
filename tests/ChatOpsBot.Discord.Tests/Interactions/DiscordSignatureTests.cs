using System.Text;
using ChatOpsBot.Discord.Interactions;

namespace ChatOpsBot.Discord.Tests.Interactions;

/// <summary>
/// Ed25519 over timestamp + raw body against published vectors: V1 from
/// https://github.com/Carto-Discord/carto/blob/main/packages/parse-command/tests/validation.test.ts, V4 from
/// https://github.com/ssMMiles/discord-interactions/blob/main/packages/verify/tests/data.json (with the timestamp and
/// body of the test beside it). The negatives change one thing each.
/// </summary>
public sealed class DiscordSignatureTests
{
    private const string V1Key = "a58293d7fa04d53ab90108be275a87fe890eece595962273a93e1f87d398df74";
    private const string V1Timestamp = "1641309313810";
    private const string V1Body = """{"type":1}""";
    private const string V1Signature = "3a25f3db58760e73b1a0ac5163b331e23c81483177d819158a6c6514a54a3a0ad630fdb35b0bd110d6b701511f70cb28fa00fd417e8868341ce0f25d488b390b";

    private const string V4Key = "67d3b5eaf0c0bf6b5a602d359daecc86a7a74053490ec37ae08e71360587c870";
    private const string V4Signature = "dbd6c2a5df02e85cdd1779f7ff3ee14d51e56c7f7d9b30d12253ccdd9e84949327db7e1b41e636975b16103316a144f8b98a290112b19e8148bbafa6f4e04209";

    [Fact]
    public void Verify_PublishedVectors_AreValid()
    {
        Assert.True(DiscordSignature.TryParsePublicKey(V1Key, out var v1));
        Assert.True(DiscordSignature.Verify(v1!, V1Signature, V1Timestamp, Encoding.UTF8.GetBytes(V1Body)));
        Assert.True(DiscordSignature.TryParsePublicKey(V4Key, out var v4));
        Assert.True(DiscordSignature.Verify(v4!, V4Signature, "", "Oh no!"u8));
    }

    [Theory]
    [InlineData(V1Signature, "1641309313811", V1Body)]               // another timestamp
    [InlineData(V1Signature, V1Timestamp, """{"type": 1}""")]        // the same JSON re-serialised: not the bytes signed
    [InlineData("2a25f3db58760e73b1a0ac5163b331e23c81483177d819158a6c6514a54a3a0ad630fdb35b0bd110d6b701511f70cb28fa00fd417e8868341ce0f25d488b390b", V1Timestamp, V1Body)]
    [InlineData("", V1Timestamp, V1Body)]                            // missing
    [InlineData("3a25f3db", V1Timestamp, V1Body)]                    // short
    [InlineData("zz25f3db58760e73b1a0ac5163b331e23c81483177d819158a6c6514a54a3a0ad630fdb35b0bd110d6b701511f70cb28fa00fd417e8868341ce0f25d488b390b", V1Timestamp, V1Body)]
    public void Verify_AnythingElse_IsFalseNeverAThrow(string signature, string timestamp, string body)
    {
        Assert.True(DiscordSignature.TryParsePublicKey(V1Key, out var key));

        Assert.False(DiscordSignature.Verify(key!, signature, timestamp, Encoding.UTF8.GetBytes(body)));
        Assert.False(DiscordSignature.Verify(key!, null, timestamp, Encoding.UTF8.GetBytes(body)));
        Assert.False(DiscordSignature.Verify(key!, V1Signature, null, Encoding.UTF8.GetBytes(V1Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a58293d7")]
    [InlineData("g58293d7fa04d53ab90108be275a87fe890eece595962273a93e1f87d398df74")]
    [InlineData("a58293d7fa04d53ab90108be275a87fe890eece595962273a93e1f87d398df74a5")]
    public void TryParsePublicKey_NotAKey_IsFalse(string? hex) => Assert.False(DiscordSignature.TryParsePublicKey(hex, out _));

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void IsFresh_WithinFiveMinutesEitherWay(int offsetSeconds, bool fresh)
    {
        var now = new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
        var timestamp = (now.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fresh, DiscordSignature.IsFresh(timestamp, now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public void IsFresh_NotUnixSeconds_IsFalse(string? timestamp) =>
        Assert.False(DiscordSignature.IsFresh(timestamp, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5)));
}

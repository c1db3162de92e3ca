using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Tests.Replies;

public sealed class ReplyFitterTests
{
    /// <summary>Discord's message content limit, the shortest of the platforms'.</summary>
    private const int DiscordContent = 2000;

    /// <summary>Telegram's message text limit.</summary>
    private const int TelegramMessage = 4096;

    [Fact]
    public void Split_LongText_ChunksFitAndBreakAtLines()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"line {i}: something the provider said");
        var text = string.Join("\n", lines);

        var chunks = ReplyFitter.Split(text, DiscordContent);

        Assert.All(chunks, c => Assert.True(c.Length <= DiscordContent));
        Assert.All(chunks, c => Assert.StartsWith("line ", c, StringComparison.Ordinal));
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(chunks).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_PrefersParagraphs()
    {
        var text = new string('a', 60) + "\n\n" + new string('b', 30) + "\n" + new string('c', 30);

        var chunks = ReplyFitter.Split(text, 100);

        Assert.Equal([new string('a', 60), new string('b', 30) + "\n" + new string('c', 30)], chunks);
    }

    [Fact]
    public void Split_OneLongWord_CutsHardButNeverSplitsASurrogatePair()
    {
        var text = new string('x', 9) + "😀" + new string('y', 20);

        var chunks = ReplyFitter.Split(text, 10);

        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void Split_ShortText_IsOneChunk()
    {
        Assert.Equal(["hello"], ReplyFitter.Split("hello", 4096));
    }

    [Fact]
    public void Truncate_CutsAtAWordAndMarksIt()
    {
        var result = ReplyFitter.Truncate("the key was rejected by the provider", 20);

        Assert.True(result.Length <= 20);
        Assert.Equal("the key was…", result);
    }

    [Fact]
    public void TruncateKeepingLastLine_KeepsTheCodeFooter()
    {
        var text = string.Join("\n", Enumerable.Repeat("evidence line", 50)) + "\ncode: auth.invalid_key";

        var result = ReplyFitter.TruncateKeepingLastLine(text, 200);

        Assert.True(result.Length <= 200);
        Assert.EndsWith("\ncode: auth.invalid_key", result, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderChunks_TelegramLimit_EveryChunkFits_CodeStaysWithItsVerdict()
    {
        var card = new VerdictCard
        {
            Provider = ReplyBuilder.ProviderOf(ProviderId.Gemini),
            Verdict = new ReplyVerdict(VerdictCodes.AuthInvalidKey, ReplySeverity.Error, "The key was rejected"),
            Sections = [new ReplySection("Checks", [.. Enumerable.Range(0, 300).Select(i => $"check {i} passed nicely")])],
        };
        var reply = new Reply { Kind = ReplyKind.Diagnosis, Cards = [card, card with { Provider = ReplyBuilder.ProviderOf(ProviderId.OpenAI) }] };

        var chunks = PlainTextRenderer.RenderChunks(reply, TelegramMessage);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Length <= TelegramMessage));
        Assert.Contains("Gemini — The key was rejected (code: auth.invalid_key)", chunks[0], StringComparison.Ordinal);
        Assert.Contains(chunks, c => c.Contains("OpenAI — The key was rejected (code: auth.invalid_key)", StringComparison.Ordinal));
    }
}

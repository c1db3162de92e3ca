using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Tests.Adapter;

public sealed class DiscordCardFitterTests
{
    [Fact]
    public void Fit_HugeCard_FitsDiscordEmbedLimits_KeepsTheCode()
    {
        var card = new VerdictCard
        {
            Provider = ReplyBuilder.ProviderOf(ProviderId.OpenAI),
            Verdict = new ReplyVerdict(VerdictCodes.ProviderUnexpected, ReplySeverity.Error, new string('t', 400)),
            Detail = new string('d', 9000),
            Fields = [.. Enumerable.Range(0, 40).Select(i => new ReplyField($"field{i}", new string('v', 2000)))],
            Sections = [new ReplySection("Checks", [.. Enumerable.Range(0, 100).Select(i => $"✅ check {i}: " + new string('c', 80))])],
            NextSteps = [.. Enumerable.Range(0, 30).Select(i => new string('n', 200))],
        };

        var fitted = DiscordCardFitter.Fit(card);

        Assert.True(fitted.Heading.Length <= DiscordLimits.EmbedTitle, $"title {fitted.Heading.Length}");
        Assert.True(fitted.Fields.Count + fitted.Sections.Count + 1 <= DiscordLimits.EmbedFields);
        Assert.All(fitted.Fields, f => Assert.True(f.Value.Length <= DiscordLimits.EmbedFieldValue));
        Assert.All(fitted.Sections, s => Assert.True(string.Join("\n", s.Lines).Length <= DiscordLimits.EmbedFieldValue));
        Assert.True(string.Join("\n", fitted.NextSteps.Select((n, i) => $"{i + 1}. {n}")).Length <= DiscordLimits.EmbedFieldValue);
        Assert.True(DiscordCardFitter.Size(fitted) <= DiscordLimits.EmbedTotal, $"size {DiscordCardFitter.Size(fitted)}");
        Assert.Equal("code: provider.unexpected", fitted.Verdict.CodeText);
    }
}

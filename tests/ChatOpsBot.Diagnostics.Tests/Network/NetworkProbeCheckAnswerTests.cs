using System.Net;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>The DNS-answer judgement alone: no sockets, so any address may appear.</summary>
public sealed class NetworkProbeCheckAnswerTests
{
    private static IPAddress[] Parse(params string[] addresses) => [.. addresses.Select(IPAddress.Parse)];

    [Fact]
    public void CheckAnswer_AllPublic_NoFindingAllCandidates()
    {
        var addresses = Parse("104.18.6.192", "2606:4700::6812:6c0");

        var (finding, candidates) = DnsCheck.CheckAnswer("api.openai.com", ProviderId.OpenAI, addresses);

        Assert.Null(finding);
        Assert.Equal(addresses, candidates);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("100.64.1.1")]
    [InlineData("169.254.1.1")]
    [InlineData("224.0.0.1")]
    [InlineData("146.112.61.106")]
    public void CheckAnswer_OnlyImpossible_ErrorAndNothingToTry(string address)
    {
        var (finding, candidates) = DnsCheck.CheckAnswer("api.anthropic.com", ProviderId.Anthropic, Parse(address));

        Assert.Equal(VerdictCodes.NetworkDnsHijacked, finding!.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("Anthropic", finding.Detail, StringComparison.Ordinal);
        Assert.NotNull(finding.Evidence["impossible_addresses"]![address]);
        Assert.Empty(candidates);
    }

    [Fact]
    public void CheckAnswer_FilterAnswersAaaaOnly_WarnAndTriesPublicOnes()
    {
        var (finding, candidates) = DnsCheck.CheckAnswer(
            "generativelanguage.googleapis.com", ProviderId.Gemini, Parse("142.250.74.74", "::"));

        Assert.Equal(Severity.Warn, finding!.Severity);
        Assert.Equal(Parse("142.250.74.74"), candidates);
    }

    [Fact]
    public void CheckAnswer_FakeIpProxy_WarnAndTriesThem()
    {
        var addresses = Parse("198.18.0.42");

        var (finding, candidates) = DnsCheck.CheckAnswer("api.openai.com", ProviderId.OpenAI, addresses);

        Assert.Equal(VerdictCodes.NetworkDnsHijacked, finding!.Code);
        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.Contains("fake-IP", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(addresses, candidates);
    }

    [Fact]
    public void CheckAnswer_UmbrellaBlockPage_NamedAsSuch()
    {
        var (finding, candidates) = DnsCheck.CheckAnswer("api.openai.com", ProviderId.OpenAI, Parse("146.112.61.104"));

        Assert.Equal(Severity.Error, finding!.Severity);
        Assert.Equal("Cisco Umbrella / OpenDNS block page", (string?)finding.Evidence["impossible_addresses"]!["146.112.61.104"]);
        Assert.Empty(candidates);
    }
}

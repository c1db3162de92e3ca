using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

public sealed class KeyEchoCheckTests
{
    private static Finding Rejected(string message) =>
        Finding.Create(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, ProviderId.OpenAI, "OpenAI answered 401.",
            new JsonObject { ["provider_message"] = message });

    [Fact]
    public void Compare_EchoEndsDifferently_SaysADifferentKeyArrived()
    {
        var result = KeyEchoCheck.Compare(Rejected("Incorrect API key provided: sk-proj-…MxYA. You can find your API key at …"), "sk-proj-" + new string('a', 60) + "GT0Q");

        Assert.Contains("ends in MxYA, but the key checked here ends in GT0Q", result.Detail, StringComparison.Ordinal);
        Assert.Equal("MxYA", result.Evidence["echoed_key_ends_with"]?.ToString());
    }

    [Fact]
    public void Compare_EchoMatches_Unchanged()
    {
        var finding = Rejected("Incorrect API key provided: sk-proj-****************GT0Q.");

        var result = KeyEchoCheck.Compare(finding, "sk-proj-" + new string('a', 60) + "GT0Q");

        Assert.Same(finding, result);
    }

    [Fact]
    public void Compare_OtherCodesOrNoEcho_Unchanged()
    {
        var noEcho = Rejected("invalid x-api-key");
        var other = Finding.Create(VerdictCodes.RateLimited, DiagnosticStage.Auth, ProviderId.OpenAI, "slow down");

        Assert.Same(noEcho, KeyEchoCheck.Compare(noEcho, "sk-ant-api03-" + new string('b', 60)));
        Assert.Same(other, KeyEchoCheck.Compare(other, "sk-proj-" + new string('a', 60)));
    }
}

using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Tests.TeamKeys;

public sealed class TeamKeysTests
{
    [Fact]
    public void Validate_BadEntries_EveryErrorNamesItsSetting()
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?>
        {
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "nosuchai",
            ["TeamKeys:0:KeyEnv"] = "A",
            ["TeamKeys:0:KeyFile"] = "/run/secrets/a",
            ["TeamKeys:1:Provider"] = "openai",
            ["TeamKeys:1:KeyEnv"] = "B",
            ["TeamKeys:1:BaseUrl"] = "not a url",
            ["Monitor:Targets:0:Name"] = "PROD",
            ["Monitor:Targets:0:Provider"] = "gemini",
        });

        var ex = Assert.Throws<OptionsValidationException>(harness.ValidateOnStart);

        var all = string.Join("\n", ex.Failures);
        Assert.Contains("TeamKeys:0:Provider is not a provider", all, StringComparison.Ordinal);
        Assert.Contains("set exactly one of TeamKeys:0:KeyEnv", all, StringComparison.Ordinal);
        Assert.Contains("TeamKeys:1:Name is required", all, StringComparison.Ordinal);
        Assert.Contains("TeamKeys:1:BaseUrl must be an absolute http or https URL", all, StringComparison.Ordinal);
        Assert.Contains("Monitor:Targets:0:Name is already used by TeamKeys:0:Name", all, StringComparison.Ordinal);
        Assert.Contains("Monitor:Targets:0: set exactly one of", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodEntries_Start()
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?>
        {
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "claude",
            ["TeamKeys:0:KeyEnv"] = "PROD_KEY",
            ["Monitor:Targets:0:Name"] = "prod-gemini",
            ["Monitor:Targets:0:Provider"] = "gemini",
            ["Monitor:Targets:0:KeyFile"] = "/run/secrets/gemini",
            ["Monitor:Targets:0:Interval"] = "00:05:00",
        });

        harness.ValidateOnStart();

        var registry = harness.Get<TeamKeyRegistry>();
        Assert.Equal(["prod", "prod-gemini"], registry.All.Select(k => k.Name));
        Assert.Equal(ProviderId.Anthropic, registry.Find("PROD")!.Provider);
        Assert.Equal(ProviderId.Gemini, registry.FirstFor(ProviderId.Gemini)!.Provider);
    }

    [Fact]
    public void Registry_ReadsFromEnvAndFile_MatchesMaskedForms()
    {
        var envKey = TestKeys.OpenAIProject();
        var fileKey = TestKeys.Gemini();
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, fileKey + "\n");
            var options = new TeamKeysOptions
            {
                TeamKeys =
                [
                    new TeamKeySettings { Name = "a", Provider = "openai", KeyEnv = "A_KEY" },
                    new TeamKeySettings { Name = "b", Provider = "gemini", KeyFile = file },
                    new TeamKeySettings { Name = "c", Provider = "gemini", KeyEnv = "UNSET" },
                ],
            };
            var registry = new TeamKeyRegistry(Options.Create(options), new EnvironmentVariables(n => n == "A_KEY" ? envKey : null));

            Assert.Equal((envKey, KeySource.Environment), registry.Read(registry.Find("a")!));
            Assert.Equal(KeySource.File, registry.Read(registry.Find("b")!).Source);
            Assert.Equal((null, KeySource.None), registry.Read(registry.Find("c")!));
            Assert.Equal("sk-proj-…" + envKey[^4..], registry.Shown(registry.Find("a")!));
            Assert.Equal("a", Assert.Single(registry.MatchMasked("sk-proj-…" + envKey[^4..])).Name);
            Assert.Equal("b", Assert.Single(registry.MatchMasked("AIza…" + fileKey[^4..])).Name);
            Assert.Empty(registry.MatchMasked("AIza…zzzz"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

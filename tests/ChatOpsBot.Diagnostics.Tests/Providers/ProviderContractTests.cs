using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

/// <summary>
/// What every registered provider must do alike: read each of its recorded answers to the expected code, survive any
/// body, and carry the key only in one request header. Provider-specific facts stay in each provider's own tests.
/// </summary>
public class ProviderContractTests
{
    private const string Key = "sk-contract-0123456789abcdefABCDEF0123456789abcdef";

    /// <summary>The model each provider's odd-body checks name (one its users would write).</summary>
    private static readonly Dictionary<string, string> Models = new(StringComparer.Ordinal)
    {
        ["openai"] = "gpt-4o",
        ["anthropic"] = "claude-haiku-4-5",
        ["gemini"] = "gemini-2.5-flash",
        ["openrouter"] = "openai/gpt-4o",
        ["deepseek"] = "deepseek-chat",
        ["xai"] = "grok-3",
        ["mistral"] = "mistral-small-latest",
        ["groq"] = "llama-3.1-8b-instant",
        ["together"] = "x/y",
        ["perplexity"] = "sonar",
        ["cohere"] = "command-a-03-2025",
        ["azure-openai"] = "gpt-4o",
        ["openai-compatible"] = "gpt-4o-mini",
    };

    /// <summary>
    /// Providers whose passing account answer (balance, key info) is an account reading, not an answer to the key
    /// check, so it is not marked as the provider's answer (Cohere's check-api-key is).
    /// </summary>
    private static readonly HashSet<string> AccountReadings = new(StringComparer.Ordinal) { "deepseek", "xai", "openrouter" };

    public static TheoryData<string> Wires() => new(ProviderRegistry.Descriptors.Select(d => d.Wire));

    public static TheoryData<string, string> RecordedAnswers()
    {
        var data = new TheoryData<string, string>();
        foreach (var wire in ProviderRegistry.Descriptors.Select(d => d.Wire))
        {
            foreach (var name in ProviderFixture.Names(wire))
            {
                data.Add(wire, name);
            }
        }

        return data;
    }

    public static TheoryData<string, int, string> GarbageForEveryProvider()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var wire in ProviderRegistry.Descriptors.Select(d => d.Wire))
        {
            foreach (var row in ProbeTestKit.GarbageBodies())
            {
                data.Add(wire, row.Data.Item1, row.Data.Item2);
            }
        }

        return data;
    }

    private static IProviderDefinition Definition(string wire) => ProviderRegistry.Definitions.Single(d => d.Descriptor.Wire == wire);

    /// <summary>Providers with no public root (Azure, OpenAI-compatible) are always read as on a custom base URL.</summary>
    private static bool Custom(IProviderDefinition definition) => definition.Descriptor.DefaultBaseUrl is null;

    [Fact]
    public void Models_NameEveryRegisteredProvider()
    {
        Assert.Equal(ProviderRegistry.Descriptors.Select(d => d.Wire).Order(), Models.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(RecordedAnswers))]
    public void Classify_RecordedAnswer_ReturnsExpectedCode(string wire, string name)
    {
        var definition = Definition(wire);
        var fixture = ProviderFixture.Load(wire, name);

        var verdict = ProbeTestKit.Verdict(definition.Read(fixture.ToProbeResponse(),
            ProbeTestKit.Context(definition.Id, fixture.Kind, fixture.Model, Custom(definition))));

        Assert.Equal(fixture.ExpectedCode, verdict.Code);
        if (!AccountReadings.Contains(wire) || fixture.Kind != ProbeKind.Account || verdict.Code != VerdictCodes.Ok)
        {
            Assert.True(verdict.FromProviderAnswer);
        }

        Assert.Equal(fixture.Status, verdict.Evidence["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(verdict.Detail));
    }

    [Theory]
    [MemberData(nameof(GarbageForEveryProvider))]
    public void Classify_GarbageBody_NeverThrowsAndFindsSomething(string wire, int status, string body)
    {
        var definition = Definition(wire);
        foreach (var kind in Enum.GetValues<ProbeKind>())
        {
            var findings = definition.Read(ProbeTestKit.Response(status, body),
                ProbeTestKit.Context(definition.Id, kind, Models[wire], Custom(definition)));

            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.True(f.Detail.Length < 1000));
            Assert.DoesNotContain(findings, f => f.Evidence.ContainsKey("classifier_error"));
        }
    }

    public static TheoryData<string, int, string> OddAuthAnswers()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var wire in ProviderRegistry.Descriptors.Select(d => d.Wire))
        {
            data.Add(wire, 200, "");
            data.Add(wire, 200, "{\"object\":\"list\",\"data\":[{\"id\":");
            data.Add(wire, 200, "[{\"error\":{\"message\":\"x\"}}]");
            data.Add(wire, 401, "<html><title>401</title></html>");
        }

        return data;
    }

    /// <summary>An empty or cut success, an array-wrapped error on 200 and an HTML page are never read as a pass or as the key.</summary>
    [Theory]
    [MemberData(nameof(OddAuthAnswers))]
    public void Classify_OddSuccessOrHtmlOnAuth_IsUnexpected(string wire, int status, string body)
    {
        var definition = Definition(wire);

        var verdict = ProbeTestKit.Verdict(definition.Read(ProbeTestKit.Response(status, body),
            ProbeTestKit.Context(definition.Id, custom: Custom(definition))));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Theory]
    [MemberData(nameof(Wires))]
    public async Task CreateRequest_EveryKind_KeyOnlyInOneHeaderNeverInTheUrl(string wire)
    {
        var definition = Definition(wire);
        Uri[] bases = [definition.Descriptor.DefaultBaseUrl ?? new Uri("https://gw.example/v1"), new Uri("http://127.0.0.1:4000/v1?x=1#f")];
        var built = 0;
        foreach (var baseUrl in bases)
        {
            foreach (var kind in Enum.GetValues<ProbeKind>())
            {
                using var request = definition.CreateRequest(kind, baseUrl, Key, Models[wire]);
                if (request is null)
                {
                    continue;
                }

                built++;
                Assert.DoesNotContain(Key, request.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
                Assert.DoesNotContain("key=", request.RequestUri.Query, StringComparison.OrdinalIgnoreCase);
                Assert.Single(request.Headers, h => h.Value.Any(v => v.Contains(Key, StringComparison.Ordinal)));
                Assert.Equal("application/json", Assert.Single(request.Headers.Accept).MediaType);
                if (request.Content is not null)
                {
                    var body = await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.DoesNotContain(Key, body, StringComparison.Ordinal);
                    Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
                }
            }
        }

        Assert.True(built >= 2);
        Assert.Throws<ArgumentNullException>(() => definition.CreateRequest(ProbeKind.Auth, null!, Key, null));
        Assert.Throws<ArgumentNullException>(() => definition.CreateRequest(ProbeKind.Auth, bases[0], null!, null));
    }
}

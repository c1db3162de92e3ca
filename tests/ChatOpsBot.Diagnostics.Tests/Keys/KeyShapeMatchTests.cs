using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>The shape intake found is handed on to the key check: same verdict, one classification.</summary>
public sealed class KeyShapeMatchTests
{
    public static TheoryData<string, ProviderId> Cases => new()
    {
        { FakeKeys.Make("openai-project"), ProviderId.OpenAI },
        { FakeKeys.Make("anthropic"), ProviderId.OpenAI },
        { FakeKeys.Make("google"), ProviderId.Gemini },
        { FakeKeys.Make("openai-project")[..40], ProviderId.OpenAI },
        { "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx", ProviderId.OpenAI },
        { "ghp_" + new string('a', 36), ProviderId.Anthropic },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inspect_WithTheMatchIntakeFound_SameVerdictAsWithout(string key, ProviderId provider)
    {
        var raw = " \"" + key + "\"\n"; // the wrapping is peeled off before the match applies

        var without = KeyInspector.Inspect(raw, provider, KeySource.Chat, "your message");
        var with = KeyInspector.Inspect(raw, provider, KeySource.Chat, "your message", KeyShapes.Match(key));

        Assert.Equal(Describe(without), Describe(with));
    }

    [Fact]
    public void Inspect_WithAMatchOfAnotherValue_IgnoresIt()
    {
        var key = FakeKeys.Make("google");
        var other = KeyShapes.Match(FakeKeys.Make("anthropic"));

        var inspection = KeyInspector.Inspect(key, ProviderId.Gemini, KeySource.Chat, null, other);

        Assert.Equal(KeyPlatform.Google, inspection.Shape.Platform);
        Assert.Equal(VerdictCodes.Ok, Assert.Single(inspection.Findings).Code);
    }

    [Fact]
    public void Match_ToString_ShowsTheKindNeverTheKey()
    {
        var key = FakeKeys.Make("openai-project");

        var match = KeyShapes.Match(key);

        Assert.Equal(KeyShapes.Identify(key), match.Shape);
        Assert.Equal(match.Shape.Kind, match.ToString());
    }

    [Fact]
    public void Admit_RegistersRawAndUsableOnce_AndTheEngineNeedNotInspectAgain()
    {
        var key = FakeKeys.Make("openai-project");
        var scrubber = new SecretScrubber();
        var request = new DiagnosisRequest { Provider = ProviderId.OpenAI, Key = "Bearer " + key, KeySource = KeySource.Chat };

        using (var admission = KeyAdmission.Admit(request, scrubber))
        {
            Assert.Equal(key, admission.Request.Inspection?.UsableKey);
            Assert.Same(admission.Inspection, admission.Request.Inspection);
            Assert.Equal(2, scrubber.Count); // "Bearer <key>" and the key: one registration of both forms
            Assert.DoesNotContain(key, scrubber.Scrub("echo " + key), StringComparison.Ordinal);
        }

        Assert.Equal(0, scrubber.Count);
    }

    private static string Describe(KeyInspection inspection) =>
        $"{inspection.UsableKey}|{inspection.Shape}|" + string.Join(";", inspection.Findings.Select(f => $"{f.Code},{f.Severity},{f.Title},{f.Detail},{f.Evidence.ToJsonString()}"));
}

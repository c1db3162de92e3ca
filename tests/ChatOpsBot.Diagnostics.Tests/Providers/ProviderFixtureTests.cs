using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

public class ProviderFixtureTests
{
    public static TheoryData<string, string> AllFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderFixture.Providers)
        {
            foreach (var name in ProviderFixture.Names(provider))
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Load_EveryFixture_HasSourceProbeAndKnownCode(string provider, string name)
    {
        var fixture = ProviderFixture.Load(provider, name);

        Assert.StartsWith("https://", fixture.Source, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(fixture.Note));
        Assert.Contains(fixture.Probe, (string[])["auth", "model", "deep", "account"]);
        Assert.Contains(fixture.ExpectedCode, NextStepsCatalog.Codes);
        Assert.InRange(fixture.Status, 100, 599);
        if (fixture.Body.Length == 0)
        {
            // A real bodiless answer (Mistral's 403) is kept only when its note says the body was empty.
            Assert.True(fixture.Note.Contains("empty body", StringComparison.OrdinalIgnoreCase)
                || fixture.Note.Contains("no body", StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            Assert.True(fixture.Headers.ContainsKey("Content-Type"));
        }
    }

    [Fact]
    public void All_Gemini_LoadsEveryFileInOrder()
    {
        var all = ProviderFixture.All("gemini");

        Assert.Equal(ProviderFixture.Names("gemini"), all.Select(f => f.Name));
        Assert.All(all, f => Assert.Equal("gemini", f.Provider));
    }
}

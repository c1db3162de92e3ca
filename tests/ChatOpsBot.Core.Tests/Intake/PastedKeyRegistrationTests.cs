using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Core.Tests.Intake;

/// <summary>A key pasted in a chat is inspected and registered with the scrubber once, at intake, not again by the engine.</summary>
public sealed class PastedKeyRegistrationTests
{
    [Fact]
    public async Task PastedKey_WhileTheProviderIsAsked_IsRegisteredWithTheScrubberOnce()
    {
        var key = TestKeys.OpenAIProject();
        await using var openai = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Providers:OpenAI:BaseUrl"] = openai.BaseUrl.ToString() });
        var scrubber = harness.Get<SecretScrubber>();
        var registeredDuringProbe = new List<int>();
        openai.On("GET", "/v1/models", _ =>
        {
            lock (registeredDuringProbe)
            {
                registeredDuringProbe.Add(scrubber.Count);
            }

            return FakeResponse.Json(200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}""");
        });
        var before = scrubber.Count;

        var sink = await harness.SendAsync(ConversationHarness.Dm(key));

        // The key as pasted is also the usable key: one form, one entry (it was three: the conversation's, and the
        // engine's raw and usable registrations).
        Assert.Equal([before + 1], registeredDuringProbe);
        Assert.Equal(before, scrubber.Count); // and forgotten once the reply is out
        LeakAssert.NoSecret(sink.AllText, key);
    }
}

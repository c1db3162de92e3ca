using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Tests.Adapter;
using ChatOpsBot.Testing.Fuzz;
using ChatOpsBot.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Tests.Fuzz;

/// <summary>
/// Malformed gateway dispatches (interactions of every type, messages) through the real gateway client and adapter:
/// fields missing, wrong types, huge strings, deep nesting. Invariant: nothing escapes — no unexpected failure, the gateway
/// keeps its connection, the adapter still answers. Small in CI; <c>CHATOPSBOT_FUZZ_ITERATIONS</c> for more.
/// </summary>
public sealed class DiscordPayloadFuzzTests
{
    [Fact]
    public async Task Malformed_interactions_and_messages_never_crash_the_adapter_or_the_gateway()
    {
        await using var h = await AdapterHarness.StartAsync(fake: o =>
        {
            o.BucketLimit = 1_000_000; // the fake clock does not move here: no rate-limit waits
            o.GlobalPerSecond = 1_000_000;
        });
        var connection = h.Fake.Current!.Id;
        JsonObject[] interactions =
        [
            h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)),
            h.Slash("alerts", AdapterHarness.Guild),
            h.Fake.SlashCommand("help"),
            h.Fake.ButtonPress("details:abc", AdapterHarness.Guild),
            h.Fake.ModalSubmit("enter-key:gemini", "key", "not a key", AdapterHarness.Guild),
        ];
        JsonObject[] messages =
        [
            h.Fake.UserMessage("/help", 555),
            h.Fake.UserMessage("hello", 556, AdapterHarness.Guild, mentionBot: true),
        ];
        var fuzz = new JsonFuzzer(seed: 1207);
        var cases = JsonFuzzer.Iterations(ci: 150);

        for (var i = 0; i < cases; i++)
        {
            var interaction = fuzz.Next(3) != 0;
            var seed = interaction ? interactions[fuzz.Next(interactions.Length)] : messages[fuzz.Next(messages.Length)];
            var payload = fuzz.MutateNode(seed);
            if (payload is null)
            {
                continue; // the gateway carries JSON frames only; frames that are not JSON are the gateway tests' concern
            }

            await h.Fake.DispatchAsync(interaction ? "INTERACTION_CREATE" : "MESSAGE_CREATE", payload);
        }

        var marker = await h.Fake.InjectInteractionAsync(h.Slash("help", AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => marker.Edits.Count > 0, "the help after the fuzz", TimeSpan.FromSeconds(60));
        // Not waiting for every handler: some legitimately wait on the fake clock (spacing, deadlines), which does not
        // move here. The help above went through after all the malformed ones, on the same connection.
        var adapter = h.Host.Services.GetServices<IHostedService>().OfType<DiscordAdapterService>().Single();

        Assert.Equal(connection, h.Fake.Current?.Id); // no reconnect: the client survived every frame
        Assert.False(adapter.ExecuteTask!.IsCompleted);
        // The platform refusing a reply (an unknown channel, an interaction the fake never issued) is an answer, logged as
        // such; a crash is a handler failing unexpectedly, or any exception of a type nobody handles on purpose.
        string[] handled = ["DiscordApiException", "DiscordPayloadException", "HttpRequestException"];
        var errors = h.Logs.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Critical
            || r.Is<DiscordAdapterService>(20) || r.Is<ChatOpsBot.Core.Monitor.MonitorScheduler>(3) || r.Is<ChatOpsBot.Core.Monitor.OutboxDispatcher>(7) // failed unexpectedly
            || (r.Exception is { } ex && !handled.Contains(ex.GetType().Name) && ex is not ChatOpsBot.Diagnostics.Redaction.ScrubbedException)
            || (r.Exception is ChatOpsBot.Diagnostics.Redaction.ScrubbedException scrubbed && !handled.Any(t => scrubbed.OriginalType.EndsWith(t, StringComparison.Ordinal)))).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().Name} {r.Exception?.Message}")));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Testing.Discord;
using Microsoft.Extensions.Logging;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// The Re-run and Details buttons pressed on a real team-key result, and a callback Discord refuses with 40060 — end to
/// end through the hosted adapter, every REST body checked for the keys and the bot token.
/// </summary>
public sealed class AdapterButtonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rerun_OnATeamKeyResult_DefersANewPublicReply_AndEndsInAFreshEmbedWithTheCode()
    {
        await using var h = await AdapterHarness.StartAsync();
        var (first, rerunId, _) = await DiagnoseTeamKeyAsync(h);
        var firstOriginal = first.Original!.ToJsonString();

        var press = await h.Fake.InjectInteractionAsync(PressOn(h, first, rerunId));
        var embed = await h.FinalEmbedAsync(press);

        // A component may be answered with a new deferred message (type 5): the adapter does so, public like the result.
        Assert.Equal([5], press.Callbacks);
        Assert.Null(press.CallbackData?["flags"]);
        Assert.Equal(0, (int?)press.Original!["flags"] ?? 0);
        Assert.True(press.Edits.Count >= 2, "a checklist edit, then the final one");
        Assert.Contains("⬜", (string?)press.Edits[0]["content"] ?? "", StringComparison.Ordinal);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        Assert.Equal(DiscordReplyRenderer.OkColor, (int)embed["color"]!);
        Assert.StartsWith("Gemini", (string?)embed["title"], StringComparison.Ordinal);
        Assert.Contains(ButtonIds(press.Original), b => b.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal));
        Assert.Equal(2, h.Gemini.Requests.Count(r => r.Path.EndsWith("/models", StringComparison.Ordinal))); // really run again
        Assert.Equal(firstOriginal, first.Original!.ToJsonString()); // the first result is left as it was
        Assert.Empty(press.Followups);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task Details_OnATeamKeyResult_AnswersEphemerally_WithEveryCheck()
    {
        await using var h = await AdapterHarness.StartAsync();
        var (first, _, detailsId) = await DiagnoseTeamKeyAsync(h);
        var modelsCalls = h.Gemini.Requests.Count;

        var press = await h.Fake.InjectInteractionAsync(PressOn(h, first, detailsId));
        var embed = await h.FinalEmbedAsync(press);

        Assert.Equal([5], press.Callbacks);
        Assert.Equal(64, (int)press.CallbackData!["flags"]!);
        Assert.Equal(64, (int)press.Original!["flags"]!);
        Assert.Contains("Details", (string?)press.Original["content"] ?? "", StringComparison.Ordinal);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        var checks = string.Join("\n", embed["fields"]!.AsArray().OfType<JsonObject>()
            .Where(f => ((string?)f["name"])?.StartsWith("Every check", StringComparison.Ordinal) == true).Select(f => (string)f["value"]!));
        foreach (var stage in new[] { "Key format", "Route", "Network", "Egress", "Key check" })
        {
            Assert.Contains(stage + ":", checks, StringComparison.Ordinal); // every check, the decisive one included
        }

        Assert.DoesNotContain("\n…", checks, StringComparison.Ordinal); // none cut away
        Assert.Equal(modelsCalls, h.Gemini.Requests.Count); // details come from the stored result, not a new run
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task AlreadyAcknowledged_40060_IsLoggedNotFatal_AndTheNextInteractionWorks()
    {
        await using var h = await AdapterHarness.StartAsync();
        var (first, rerunId, _) = await DiagnoseTeamKeyAsync(h);
        var modelsCalls = h.Gemini.Requests.Count;

        // Someone else (another instance on the same application) acknowledged the press first.
        var payload = PressOn(h, first, rerunId);
        var press = h.Fake.RegisterInteraction(payload);
        await AcknowledgeElsewhereAsync(h, press);
        await h.Fake.DispatchAsync("INTERACTION_CREATE", payload);

        static bool Gone(Microsoft.Extensions.Logging.Testing.FakeLogRecord r) => r.Is<DiscordAdapterService>(6) && r.Value("Code") == "40060"; // InteractionGone
        await h.Logs.Collector.WaitForAsync(Gone, "the adapter's InteractionGone (code 40060)", cancellationToken: TestContext.Current.CancellationToken);
        var refused = Assert.Single(h.Fake.Calls, c => c.Path.EndsWith("/callback", StringComparison.Ordinal) && c.Status == 400);
        Assert.Contains("40060", refused.ResponseBody, StringComparison.Ordinal);
        var line = Assert.Single(h.Logs.Collector.GetSnapshot(), Gone);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal([5], press.Callbacks); // only the other acknowledgement
        Assert.Empty(press.Edits); // the bot did not write into someone else's answer
        Assert.Equal(modelsCalls, h.Gemini.Requests.Count); // nor run the diagnosis

        var next = await h.Fake.InjectInteractionAsync(PressOn(h, first, rerunId));
        var embed = await h.FinalEmbedAsync(next);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        Assert.DoesNotContain(h.Logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    /// <summary>Runs <c>/diagnose provider:gemini key:prod</c> to its final embed; returns it with its Re-run and Details ids.</summary>
    [Fact]
    public async Task TeamKey_UserWithoutTheTeamRole_IsRefusedPrivately_SlashAndRerun()
    {
        await using var h = await AdapterHarness.StartAsync();
        var (first, rerunId, _) = await DiagnoseTeamKeyAsync(h);
        var geminiCalls = h.Gemini.Requests.Count;

        var slash = await h.Fake.InjectInteractionAsync(AdapterHarness.WithRoles(
            h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName))));
        var press = PressOn(h, first, rerunId);
        AdapterHarness.WithRoles(press);
        var rerun = await h.Fake.InjectInteractionAsync(press);
        await h.Fake.WaitUntilAsync(() => slash.Original is not null && rerun.Original is not null, "both refusals", TimeSpan.FromSeconds(20));

        // Deferred ephemerally: the refusal is nobody else's business, and the team key was not used.
        Assert.Equal(64, (int?)slash.CallbackData?["flags"]);
        Assert.Equal(64, (int?)rerun.CallbackData?["flags"]);
        Assert.Equal(geminiCalls, h.Gemini.Requests.Count);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    private static async Task<(FakeInteraction Result, string RerunId, string DetailsId)> DiagnoseTeamKeyAsync(AdapterHarness h)
    {
        var result = await h.Fake.InjectInteractionAsync(h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)));
        await h.FinalEmbedAsync(result);
        var ids = ButtonIds(result.Original);
        return (result,
            Assert.Single(ids, b => b.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal)),
            Assert.Single(ids, b => b.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal)));
    }

    /// <summary>A team member presses <paramref name="customId"/> on the message the result's interaction left.</summary>
    private static JsonObject PressOn(AdapterHarness h, FakeInteraction result, string customId)
    {
        var press = AdapterHarness.WithRoles(h.Fake.ButtonPress(customId, guildId: AdapterHarness.Guild, channelId: result.ChannelId), AdapterHarness.TeamRole);
        press["message"] = result.Original!.DeepClone();
        return press;
    }

    private static List<string> ButtonIds(JsonObject? message) =>
        [.. (message?["components"] as JsonArray ?? []).SelectMany(r => r!["components"]!.AsArray()).Select(b => (string)b!["custom_id"]!)];

    private static async Task AcknowledgeElsewhereAsync(AdapterHarness h, FakeInteraction interaction)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{h.Fake.ApiBaseUrl}/interactions/{interaction.Id.ToString(CultureInfo.InvariantCulture)}/{interaction.Token}/callback")
        {
            Content = new StringContent("""{"type":5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "DiscordBot (https://example.invalid, 1.0)");
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal([5], interaction.Callbacks);
    }
}

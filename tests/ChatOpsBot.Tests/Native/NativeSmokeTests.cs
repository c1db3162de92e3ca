using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Tests.Native;

/// <summary>
/// The native binary (<c>CHATOPSBOT_NATIVE_BINARY</c>; skipped when unset) against the loopback fakes: the paths the
/// JIT tests cover but that only the native build can break (source-generated JSON, the generated configuration binder,
/// Telegram.Bot's own serialisation, SQLite and Skia loaded beside the binary). Every output is checked for secrets.
/// </summary>
public sealed class NativeSmokeTests
{
    private const ulong Guild = 777_000_000_000_000_001;
    private const string TeamRole = "111";
    private const long TeamUser = 42;
    private const long OtherUser = 4343;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiagnoseOpenAI_TextAndJson()
    {
        Assert.SkipWhen(NativeBinary.Path is null, NativeBinary.Variable + " is not set (CI sets it after the native publish)");
        var key = TestKeys.OpenAIProject();
        await using var openai = (await FakeProviderServer.StartAsync(Ct)).AsOpenAI(key);
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = key, ["OPENAI_BASE_URL"] = openai.BaseUrl.ToString() };

        var text = await NativeBinary.RunAsync(env, "diagnose", "openai");
        var json = await NativeBinary.RunAsync(env, "diagnose", "openai", "--json");

        Assert.True(text.Exit == 0, text.Out + text.Error);
        Assert.Contains("(code: ok)", text.Out, StringComparison.Ordinal);
        Assert.True(json.Exit == 0, json.Out + json.Error);
        using var report = JsonDocument.Parse(json.Out);
        var provider = Assert.Single(report.RootElement.GetProperty("providers").EnumerateArray());
        Assert.Equal("ok", provider.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(text.Out + text.Error + json.Out + json.Error, key);
    }

    [Fact]
    public async Task DiagnoseAll_TextAndJson_ExitOneWhenOneFails()
    {
        Assert.SkipWhen(NativeBinary.Path is null, NativeBinary.Variable + " is not set (CI sets it after the native publish)");
        var key = TestKeys.OpenAIProject();
        var anthropicKey = TestKeys.Anthropic();
        await using var openai = (await FakeProviderServer.StartAsync(Ct)).AsOpenAI(key);
        var env = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = key,
            ["OPENAI_BASE_URL"] = openai.BaseUrl.ToString(),
            ["ANTHROPIC_API_KEY"] = anthropicKey,
            ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9", // discard port: nothing listens
        };

        var text = await NativeBinary.RunAsync(env, "diagnose", "all", "--timeout", "10");
        var json = await NativeBinary.RunAsync(env, "diagnose", "all", "--json", "--timeout", "10");

        Assert.True(text.Exit == 1, text.Out + text.Error);
        Assert.Contains("(code: ok)", text.Out, StringComparison.Ordinal);
        Assert.Contains("(code: network.", text.Out, StringComparison.Ordinal);
        Assert.Equal(1, json.Exit);
        using var report = JsonDocument.Parse(json.Out);
        var verdicts = report.RootElement.GetProperty("providers").EnumerateArray()
            .ToDictionary(p => p.GetProperty("provider").GetString()!, p => p.GetProperty("verdict").GetString());
        Assert.Equal(["openai", "anthropic"], verdicts.Keys);
        Assert.Equal("ok", verdicts["openai"]);
        Assert.StartsWith("network.", verdicts["anthropic"], StringComparison.Ordinal);
        LeakAssert.NoSecret(text.Out + text.Error + json.Out + json.Error, key, anthropicKey);
    }

    [Fact]
    public async Task Worker_AnswersOnDiscordAndTelegram_ThenStopsCleanly()
    {
        Assert.SkipWhen(NativeBinary.Path is null, NativeBinary.Variable + " is not set (CI sets it after the native publish)");
        var teamKey = TestKeys.Gemini();
        await using var gemini = (await FakeProviderServer.StartAsync(Ct)).AsGemini(teamKey);
        await using var discord = await FakeDiscordServer.StartAsync(cancellationToken: Ct);
        await using var telegram = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        var env = new Dictionary<string, string>
        {
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Telegram__PollTimeout"] = "00:00:05",
            ["Providers__Gemini__BaseUrl"] = gemini.BaseUrl.ToString(),
            ["TEAM_GEMINI_KEY"] = teamKey,
            ["TeamKeys__0__Name"] = "prod",
            ["TeamKeys__0__Provider"] = "gemini",
            ["TeamKeys__0__KeyEnv"] = "TEAM_GEMINI_KEY",
            ["Monitor__Targets__0__Name"] = "prod-gemini",
            ["Monitor__Targets__0__Provider"] = "gemini",
            ["Monitor__Targets__0__KeyEnv"] = "TEAM_GEMINI_KEY",
            ["Monitor__Targets__0__Interval"] = "00:00:05", // the shortest allowed: its first check comes soon
            ["Monitor__Targets__0__Destinations__0"] = "telegram:" + TeamUser.ToString(CultureInfo.InvariantCulture),
            ["Access__Discord__RoleIds__0"] = TeamRole,
            ["Access__Telegram__UserIds__0"] = TeamUser.ToString(CultureInfo.InvariantCulture),
        };
        using var worker = NativeBinary.Start(env);

        // Discord: connected (gateway identify, commands registered over REST), then /diagnose answered in an embed.
        await discord.WaitUntilAsync(() => !discord.Commands.IsEmpty, "the commands' bulk overwrite", TimeSpan.FromSeconds(60));
        var slash = discord.SlashCommand("diagnose", [Option("provider", "gemini"), Option("key", "prod")], guildId: Guild);
        slash["member"]!["roles"] = new JsonArray(TeamRole);
        var interaction = await discord.InjectInteractionAsync(slash);
        await discord.WaitUntilAsync(() => FooterOf(interaction.Original) == "code: ok", "the final embed with code: ok", TimeSpan.FromSeconds(60));

        // Telegram: a key by DM gets the checklist and the verdict (getUpdates, sendMessage, editMessageText) ...
        telegram.EnqueuePrivateMessage(OtherUser, "gemini " + teamKey);
        var final = await telegram.WaitForCallAsync("editMessageText", c => c.Status == 200 && c.Number("chat_id") == OtherUser
            && c.Parameters["reply_markup"] is not null && (c.Text("text")?.Contains("code: ok", StringComparison.Ordinal) ?? false), TimeSpan.FromSeconds(60));

        // ... its Details button is answered (answerCallbackQuery) ...
        var details = JsonNode.Parse(final.Text("reply_markup")!)!["inline_keyboard"]![0]!.AsArray()
            .Select(b => (string?)b!["callback_data"]).First(d => d!.StartsWith("details:", StringComparison.Ordinal))!;
        var press = telegram.EnqueueCallbackQuery(OtherUser, OtherUser, (int)final.Number("message_id")!, details);
        await telegram.WaitForCallAsync("answerCallbackQuery", c => c.Status == 200 && c.Text("callback_query_id") == "cq" + press, TimeSpan.FromSeconds(30));

        // ... and /status, once the monitor has checked its target, comes with the chart (sendPhoto: Skia in the binary).
        await StatusWithChartAsync(telegram, worker);

        var exit = await worker.StopAsync();

        Assert.True(exit == 0, $"exit {exit}\n{worker.Error}");
        string[] secrets = [teamKey, FakeDiscordOptions.DefaultToken, telegram.Token];
        LeakAssert.NoSecret(worker.Out + worker.Error, secrets);
        foreach (var call in discord.Calls)
        {
            LeakAssert.NoSecret(call.Body, secrets);
        }

        foreach (var frame in discord.Frames.Where(f => f.Op is not 2 and not 6)) // identify and resume carry the token by protocol
        {
            LeakAssert.NoSecret(frame.Text, secrets);
        }

        foreach (var call in telegram.Calls)
        {
            LeakAssert.NoSecret(call.Body, teamKey, FakeDiscordOptions.DefaultToken);
        }
    }

    /// <summary>
    /// Sends /status until an answer carries the chart: the first answers may come before the monitor has stored its
    /// first check (then the reply is text only). Each try waits for its own answer; a bound of eight tries.
    /// </summary>
    private static async Task StatusWithChartAsync(FakeTelegramServer telegram, NativeBinary worker)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var earlier = telegram.CallsOf("sendMessage").ToHashSet();
            telegram.EnqueuePrivateMessage(TeamUser, "/status");
            await telegram.WaitForCallAsync("sendMessage", c => c.Status == 200 && c.Number("chat_id") == TeamUser && !earlier.Contains(c), TimeSpan.FromSeconds(30));
            try
            {
                await telegram.WaitForCallAsync("sendPhoto", c => c.Status == 200 && c.Number("chat_id") == TeamUser, TimeSpan.FromSeconds(5));
                return;
            }
            catch (TimeoutException)
            {
                // the reply was text only: the monitor's first check was not stored yet
            }
        }

        Assert.Fail("/status never came with its chart (sendPhoto). The worker's log:\n" + worker.Error + worker.Out);
    }

    private static JsonObject Option(string name, string value) => new() { ["type"] = 3, ["name"] = name, ["value"] = value };

    private static string? FooterOf(JsonObject? message) =>
        message?["embeds"] is JsonArray embeds
            ? embeds.OfType<JsonObject>().Select(e => (string?)e["footer"]?["text"]).FirstOrDefault(t => t?.StartsWith("code: ", StringComparison.Ordinal) == true)
            : null;
}

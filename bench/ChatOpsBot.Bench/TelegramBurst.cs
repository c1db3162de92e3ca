using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Core;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Bench;

/// <summary>
/// Issue 15 (5): N private chats each send <c>/diagnose gemini prod</c> (a team key) at the same instant, to a bot that
/// is already running and long-polling the fake Bot API; the fake Gemini answers every probe after 200 ms. The whole
/// Telegram side runs as the worker wires it (poller, update lanes, adapter, conversation, engine, per-chat flood
/// spacing). Measured per chat from the instant the updates were queued: the first reply (the pending checklist
/// accepted by the fake) and the final verdict. A warm-up of 10 other chats runs first (JIT, pools), not reported.
/// </summary>
internal static class TelegramBurst
{
    private const long FirstUser = 200_000;

    public static async Task RunAsync(int count, int? lanes = null)
    {
        var teamKey = TestKeys.Gemini();
        const int warmUp = 10;
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var gemini = (await FakeProviderServer.StartAsync()).AsGemini(teamKey).WithLatency("GET", "/v1beta/models", TimeSpan.FromMilliseconds(200));

        // A fresh data directory per run: the poller keeps its getUpdates offset there (telegram-offset), and each run's
        // fake numbers its updates from 1000 again. With the shared default (data/ in the working directory) the second
        // run asked for updates above the first run's last one, so the fake (as Telegram does) confirmed and dropped
        // every update below that offset: the warm-up's chats were never delivered and the run hung.
        using var data = new TemporaryDirectory("chatopsbot-telegram-burst-");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data.Path,
            ["Telegram:Token"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Providers:Gemini:BaseUrl"] = gemini.BaseUrl.ToString(),
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "gemini",
            ["TeamKeys:0:KeyEnv"] = "BENCH_GEMINI_KEY",
        };
        if (lanes is { } n)
        {
            settings["Telegram:MaxConcurrentChats"] = n.ToString(CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < count + warmUp; i++)
        {
            settings[$"Access:Telegram:UserIds:{i}"] = (FirstUser + i).ToString(CultureInfo.InvariantCulture);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new EnvironmentVariables(n => n == "BENCH_GEMINI_KEY" ? teamKey : null));
        builder.Services.AddDiagnostics();
        builder.Services.AddConversation();
        builder.Services.AddTelegramAdapter();
        using var host = builder.Build();
        await host.StartAsync();
        var adapter = host.Services.GetRequiredService<TelegramConversationAdapter>();
        await telegram.WaitForHeldPollAsync(TimeSpan.FromSeconds(60));
        using var load = new LoadSampler();

        var warm = await BurstAsync(telegram, adapter, count, warmUp);
        var calls0 = telegram.Calls.Count;
        var run = await BurstAsync(telegram, adapter, 0, count);
        var loadRange = load.Stop();
        await host.StopAsync();

        var calls = telegram.Calls.Skip(calls0).ToList();
        static string Ms(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Telegram burst: {count} private chats send /diagnose (team key) at once, provider answering in 200 ms"));
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| time to first reply (pending checklist), p50 / p99 / max | {Ms(P(run.First, 0.50))} / {Ms(P(run.First, 0.99))} / {Ms(run.First[^1])} ms |");
        Console.WriteLine($"| time to final verdict, p50 / p99 / max | {Ms(P(run.Final, 0.50))} / {Ms(P(run.Final, 0.99))} / {Ms(run.Final[^1])} ms |");
        Console.WriteLine($"| final verdicts `code: ok` | {run.Ok} of {count} |");
        Console.WriteLine($"| process CPU (fakes included) | {Ms(run.CpuMs)} ms over {Ms(run.WallMs)} ms wall, {(run.CpuMs / count).ToString("0.0", CultureInfo.InvariantCulture)} ms per chat (warm-up: {(warm.CpuMs / warmUp).ToString("0.0", CultureInfo.InvariantCulture)} ms per chat) |");
        Console.WriteLine($"| Bot API calls (sendMessage / editMessageText / getUpdates) | {calls.Count(c => c.Is("sendMessage"))} / {calls.Count(c => c.Is("editMessageText"))} / {calls.Count(c => c.Is("getUpdates"))} |");
        Console.WriteLine($"| load average (1 min) during the run | {loadRange} |");
        Console.WriteLine($"| `Telegram:MaxConcurrentChats` | {(lanes is { } l ? l.ToString(CultureInfo.InvariantCulture) : "default")} |");
        Console.WriteLine();
        foreach (var call in telegram.Calls)
        {
            LeakAssert.NoSecret(call.Body, [teamKey, telegram.Token[(telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..]]);
        }
    }

    /// <summary>Queues one /diagnose in each of <paramref name="count"/> fresh private chats and waits until every verdict is in.</summary>
    private static async Task<BurstResult> BurstAsync(FakeTelegramServer telegram, TelegramConversationAdapter adapter, int firstIndex, int count)
    {
        var chats = Enumerable.Range(firstIndex, count).Select(i => FirstUser + i).ToHashSet();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var queuedAt = TimeProvider.System.GetUtcNow();
        foreach (var chat in chats)
        {
            telegram.EnqueuePrivateMessage(chat, "/diagnose gemini prod");
        }

        foreach (var chat in chats)
        {
            await telegram.WaitForCallAsync("sendMessage", c => c.Number("chat_id") == chat && c.Status == 200, TimeSpan.FromSeconds(600));
        }

        // Every chat has been answered, so every conversation has started: the adapter is idle once every verdict is out.
        await adapter.IdleAsync();
        var wallMs = clock.Elapsed.TotalMilliseconds;
        self.Refresh();
        var cpuMs = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var calls = telegram.Calls.Where(c => c.Number("chat_id") is { } id && chats.Contains(id) && c.Status == 200).ToList();
        var firstReply = calls.Where(c => c.Is("sendMessage")).GroupBy(c => c.Number("chat_id"))
            .Select(g => (g.Min(c => c.At) - queuedAt).TotalMilliseconds).Order().ToList();
        var finals = calls.Where(IsFinal).GroupBy(c => c.Number("chat_id")).Select(g => (g.Max(c => c.At) - queuedAt).TotalMilliseconds).Order().ToList();
        var ok = calls.Where(IsFinal).Count(c => c.Text("text")?.Contains("code: ok", StringComparison.Ordinal) ?? false);
        return new BurstResult(firstReply, finals, ok, cpuMs, wallMs);
    }

    /// <summary>The verdict: the checklist's last edit, the one that carries the result buttons.</summary>
    private static bool IsFinal(TelegramCall call) =>
        call.Is("editMessageText") && call.Parameters["reply_markup"] is not null;

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record BurstResult(List<double> First, List<double> Final, int Ok, double CpuMs, double WallMs);
}

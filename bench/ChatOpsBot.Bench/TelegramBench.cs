using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Core;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Bench;

/// <summary>
/// Issue 4 (7): N private-chat updates, each a different user's Claude key, queued in the fake Bot
/// API before the bot starts; the fake provider answers every probe after 200 ms. The whole bot runs in-process as the
/// worker wires it (poller, adapter, conversation, engine, Telegram's 1 s per-chat spacing included).
/// </summary>
internal static class TelegramBench
{
    public static async Task RunAsync(int count)
    {
        var keys = Enumerable.Range(0, count).Select(_ => TestKeys.Anthropic()).ToArray();
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var anthropic = (await FakeProviderServer.StartAsync()).AsAnthropic(keys).WithLatency("GET", "/v1/models", TimeSpan.FromMilliseconds(200));
        var last = 0;
        for (var i = 0; i < count; i++)
        {
            last = telegram.EnqueuePrivateMessage(100_000 + i, "claude " + keys[i]);
        }

        using var data = new TemporaryDirectory("chatopsbot-telegram-bench-"); // the poller's offset file: one per run (see TelegramBurst)
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data.Path,
            ["Telegram:Token"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Providers:Anthropic:BaseUrl"] = anthropic.BaseUrl.ToString(),
        });
        builder.Services.AddDiagnostics();
        builder.Services.AddConversation();
        builder.Services.AddTelegramAdapter();
        using var host = builder.Build();

        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        using var sampling = new CancellationTokenSource();
        long peak = before;
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
            {
                using var self = Process.GetCurrentProcess();
                peak = Math.Max(peak, self.WorkingSet64);
            }
        });

        var started = TimeProvider.System.GetUtcNow();
        await host.StartAsync();
        await telegram.WaitForPollAsync(last + 1, TimeSpan.FromMinutes(10));
        await host.Services.GetRequiredService<TelegramConversationAdapter>().IdleAsync();
        var done = TimeProvider.System.GetUtcNow();
        await sampling.CancelAsync();
        await sampler.ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync();

        var calls = telegram.Calls;
        var firstReply = calls.Where(c => c.Is("sendMessage") && c.Status == 200)
            .GroupBy(c => c.Number("chat_id")).Select(g => (g.Min(c => c.At) - started).TotalMilliseconds).Order().ToList();
        var finals = calls.Count(c => c.Is("editMessageText") && c.Status == 200 && c.Parameters["reply_markup"] is not null
            && (c.Text("text")?.Contains("code: ok", StringComparison.Ordinal) ?? false));
        static string Ms(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"## Telegram: {count} private-chat diagnoses queued, provider answering in 200 ms");
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| all answered (final verdicts `code: ok`) | {finals} of {count} in {Ms((done - started).TotalMilliseconds)} ms |");
        Console.WriteLine($"| time to first reply (pending checklist), p50 / p99 / max | {Ms(Percentile(firstReply, 0.50))} / {Ms(Percentile(firstReply, 0.99))} / {Ms(firstReply.LastOrDefault())} ms |");
        Console.WriteLine($"| Bot API calls (sendMessage / editMessageText / getUpdates) | {calls.Count(c => c.Is("sendMessage"))} / {calls.Count(c => c.Is("editMessageText"))} / {calls.Count(c => c.Is("getUpdates"))} |");
        Console.WriteLine($"| working set before / peak | {before / 1048576} MiB / {peak / 1048576} MiB |");
        Console.WriteLine();
        foreach (var call in calls)
        {
            LeakAssert.NoSecret(call.Body, [.. keys, telegram.Token[(telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..]]);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

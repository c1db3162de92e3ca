using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Core;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Bench;

/// <summary>
/// Issue 3 (6): N interactions dispatched at once by the fake gateway, each a team-key
/// <c>/diagnose provider:gemini</c> against a fake Gemini answering in 200 ms; the real adapter, conversation layer and
/// engine in this process, on the real clock. Times are measured from injection, sampled every ≤ 10 ms.
/// </summary>
internal static class DiscordBurst
{
    public static async Task RunAsync(int count)
    {
        var teamKey = TestKeys.Gemini();
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        await using var gemini = (await FakeProviderServer.StartAsync()).AsGemini(teamKey).WithLatency("GET", "/v1beta/models", TimeSpan.FromMilliseconds(200));
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Providers:Gemini:BaseUrl"] = gemini.BaseUrl.ToString(),
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "gemini",
            ["TeamKeys:0:KeyEnv"] = "BENCH_GEMINI_KEY",
            ["Access:Discord:RoleIds:0"] = "111",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new EnvironmentVariables(n => n == "BENCH_GEMINI_KEY" ? teamKey : null));
        builder.Services.AddDiagnostics();
        builder.Services.AddConversation();
        builder.Services.AddDiscordAdapter();
        using var host = builder.Build();
        await host.StartAsync();
        await fake.WaitUntilAsync(() => !fake.Commands.IsEmpty, "READY and the commands", TimeSpan.FromSeconds(30));

        var idleMb = ResidentMb();
        using var load = new LoadSampler();
        var warm = await BurstAsync(fake, Math.Min(10, count)); // JIT and connection pools warm: not reported
        var calls0 = fake.Calls.Count;
        var run = await BurstAsync(fake, count);
        var burstMb = ResidentMb();
        var loadRange = load.Stop();
        await host.StopAsync();
        var calls = fake.Calls.Skip(calls0).ToList();
        Console.WriteLine(Inv($"### Discord burst: {count} interactions at once, provider answering in 200 ms"));
        Console.WriteLine();
        Console.WriteLine("| | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Inv($"| time to defer | {P(run.Defers, 0.5):F0} | {P(run.Defers, 0.99):F0} | {run.Defers.Max():F0} |"));
        Console.WriteLine(Inv($"| time to final edit | {P(run.Finals, 0.5):F0} | {P(run.Finals, 0.99):F0} | {run.Finals.Max():F0} |"));
        Console.WriteLine();
        Console.WriteLine(Inv($"Deferred within 3 s: {run.Defers.Count(d => d < 3000)}/{count}; 10062 answers: {calls.Count(c => c.Path.EndsWith("/callback", StringComparison.Ordinal) && c.Status == 404)}."));
        Console.WriteLine(Inv($"Process CPU during the burst: {run.CpuMs:F0} ms over {run.WallMs:F0} ms wall, {run.CpuMs / count:F1} ms per interaction (fakes included; the {warm.Defers.Count}-interaction warm-up before it: {warm.CpuMs / warm.Defers.Count:F1} ms each)."));
        Console.WriteLine(Inv($"Load average (1 min) during the run: {loadRange}."));
        Console.WriteLine(Inv($"REST calls: {calls.Count(c => c.Path.EndsWith("/callback", StringComparison.Ordinal))} callbacks, {calls.Count(c => c.Method == "PATCH" && c.Path.Contains("/webhooks/", StringComparison.Ordinal))} edits of @original, {calls.Count(c => c.Status == 429)} answered 429."));
        Console.WriteLine(Inv($"Resident memory (this process, fakes included): idle and connected {idleMb:F0} MB, after the burst {burstMb:F0} MB."));
        Console.WriteLine();
    }

    /// <summary>Registers <paramref name="count"/> interactions (their 3-s clocks start), dispatches them at once and waits for every final edit.</summary>
    private static async Task<BurstResult> BurstAsync(FakeDiscordServer fake, int count)
    {
        var payloads = Enumerable.Range(0, count).Select(_ =>
        {
            var p = fake.SlashCommand("diagnose", new JsonArray(
                new JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "gemini" },
                new JsonObject { ["type"] = 3, ["name"] = "key", ["value"] = "prod" }), guildId: 1);
            p["member"]!["roles"] = new JsonArray("111");
            return p;
        }).ToList();

        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var records = payloads.Select(fake.RegisterInteraction).ToList(); // the 3-s clocks start here
        await Task.WhenAll(payloads.Select(p => fake.DispatchAsync("INTERACTION_CREATE", p)));
        var deferred = new double?[count];
        var finished = new double?[count];
        await fake.WaitUntilAsync(() =>
        {
            var now = clock.Elapsed.TotalMilliseconds;
            for (var i = 0; i < count; i++)
            {
                deferred[i] ??= records[i].Acknowledged ? now : null;
                finished[i] ??= records[i].Original?["embeds"] is JsonArray { Count: > 0 } ? now : null;
            }

            return finished.All(f => f is not null);
        }, "every final edit", TimeSpan.FromSeconds(600));

        var wallMs = clock.Elapsed.TotalMilliseconds;
        self.Refresh();
        var cpuMs = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return new BurstResult([.. deferred.Select(d => d!.Value)], [.. finished.Select(f => f!.Value)], cpuMs, wallMs);
    }

    private sealed record BurstResult(List<double> Defers, List<double> Finals, double CpuMs, double WallMs);

    private static double ResidentMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var me = Process.GetCurrentProcess();
        me.Refresh();
        return me.WorkingSet64 / (1024.0 * 1024.0);
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

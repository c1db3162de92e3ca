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
        var payloads = Enumerable.Range(0, count).Select(_ =>
        {
            var p = fake.SlashCommand("diagnose", new JsonArray(
                new JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "gemini" },
                new JsonObject { ["type"] = 3, ["name"] = "key", ["value"] = "prod" }), guildId: 1);
            p["member"]!["roles"] = new JsonArray("111");
            return p;
        }).ToList();

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
        }, "every final edit", TimeSpan.FromSeconds(120));

        var burstMb = ResidentMb();
        await host.StopAsync();
        var defers = deferred.Select(d => d!.Value).ToList();
        var finals = finished.Select(f => f!.Value).ToList();
        Console.WriteLine(Inv($"### Discord burst: {count} interactions at once, provider answering in 200 ms"));
        Console.WriteLine();
        Console.WriteLine("| | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Inv($"| time to defer | {P(defers, 0.5):F0} | {P(defers, 0.99):F0} | {defers.Max():F0} |"));
        Console.WriteLine(Inv($"| time to final edit | {P(finals, 0.5):F0} | {P(finals, 0.99):F0} | {finals.Max():F0} |"));
        Console.WriteLine();
        Console.WriteLine(Inv($"Deferred within 3 s: {defers.Count(d => d < 3000)}/{count}; 10062 answers: {fake.Calls.Count(c => c.Path.EndsWith("/callback", StringComparison.Ordinal) && c.Status == 404)}."));
        Console.WriteLine(Inv($"Resident memory (this process, fakes included): idle and connected {idleMb:F0} MB, after the burst {burstMb:F0} MB."));
        Console.WriteLine();
    }

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

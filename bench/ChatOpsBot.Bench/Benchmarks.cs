using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Bench;

internal static class Benchmarks
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// (a) diagnose all against every registered provider with a fake (each answering its auth probe after 300 ms),
    /// versus diagnose openai alone: whole process.
    /// </summary>
    public static async Task AllVersusOneAsync(string cli, int runs)
    {
        await using var fleet = await ProviderFleet.StartAsync(Latency);
        var env = new Dictionary<string, string>(fleet.Environment);
        foreach (var variable in ProviderFleet.AllVariables().Where(v => !env.ContainsKey(v)))
        {
            env[variable] = ""; // the machine's own value of a provider variable must not join the run: "" removes it
        }

        // "all" takes every provider whose key variable is set: warm up once (as JSON, to read which providers ran and
        // their verdicts), and learn the exit status to expect.
        var (_, allExit, json) = await RunProcessAsync("dotnet", [cli, "diagnose", "all", "--json"], env, null);
        var verdicts = Verdicts(json);
        var notRun = fleet.Included.Select(p => p.Split(' ')[0]).Where(p => !verdicts.ContainsKey(p)).ToList();
        if (notRun.Count > 0)
        {
            throw new InvalidOperationException($"diagnose all left out {string.Join(", ", notRun)} although its variables are set: {json}");
        }

        var one = new List<double>();
        var all = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Interleaved, so drift in machine load hits both alike.
            one.Add(await TimeProcessAsync("dotnet", [cli, "diagnose", "openai"], env, expectExit: 0));
            all.Add(await TimeProcessAsync("dotnet", [cli, "diagnose", "all"], env, expectExit: allExit));
        }

        var n = fleet.Included.Count;
        Console.WriteLine(Inv($"## (a) diagnose all ({n} providers, 300 ms each) vs diagnose openai alone, whole process"));
        Console.WriteLine();
        Console.WriteLine($"Providers in the run: {string.Join(", ", fleet.Included)}" +
            (fleet.Missing.Count == 0 ? "." : $"; no fake yet, left out: {string.Join(", ", fleet.Missing)}.") +
            (allExit == 0 && verdicts.Values.All(v => v == VerdictCodes.Ok)
                ? " Every verdict ok."
                : $" diagnose all exits {allExit}; verdicts: {string.Join(", ", verdicts.Select(v => $"{v.Key} {v.Value}"))}."));
        Console.WriteLine();
        Console.WriteLine("| case | median ms | p90 ms |");
        Console.WriteLine("|---|---|---|");
        Row("diagnose openai", one);
        Row(Inv($"diagnose all ({n} providers)"), all);
        Console.WriteLine();
        Console.WriteLine(Inv($"**ratio of medians all/one: {Median(all) / Median(one):0.00}** (target ≤ 1.30; one after another would be ≈ ({n} × 300 + start-up) / (300 + start-up))"));
        Console.WriteLine();
    }

    /// <summary>(b) the engine's own time beyond the injected latency, in-process, per provider.</summary>
    public static async Task EngineOverheadAsync(int runs)
    {
        var key = TestKeys.OpenAIProject();
        await using var server = Delayed(await FakeProviderServer.StartAsync(), s => s.AsOpenAI(key), "/v1/models");
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(new EnvironmentVariables(_ => null))
            .AddDiagnostics()
            .BuildServiceProvider();
        await using (services)
        {
            var engine = services.GetRequiredService<DiagnosticEngine>();
            var request = new DiagnosisRequest
            {
                Provider = ProviderId.OpenAI, Key = key, KeySource = KeySource.Environment, BaseUrl = server.BaseUrl,
            };
            await engine.RunAsync([request]); // warm-up: JIT, connection pool
            var overhead = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var report = await engine.RunAsync([request]);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (report.Providers[0].Verdict.Code != VerdictCodes.Ok)
                {
                    throw new InvalidOperationException($"unexpected verdict {report.Providers[0].Verdict.Code}");
                }

                overhead.Add(ms - Latency.TotalMilliseconds);
            }

            Console.WriteLine("## (b) engine overhead beyond the injected 300 ms, in-process, one provider");
            Console.WriteLine();
            Console.WriteLine("| case | median ms | p90 ms |");
            Console.WriteLine("|---|---|---|");
            Row("overhead per provider", overhead);
            Console.WriteLine();
            Console.WriteLine(Inv($"**median overhead: {Median(overhead):0.0} ms** (target ≤ 30 ms)"));
            Console.WriteLine();
        }
    }

    /// <summary>(c) diagnose openai cold start against a loopback fake, versus curl doing the same single request.</summary>
    public static async Task ColdStartVersusCurlAsync(string cli, int runs)
    {
        var key = TestKeys.OpenAIProject();
        await using var server = (await FakeProviderServer.StartAsync()).AsOpenAI(key);
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = key, ["OPENAI_BASE_URL"] = server.BaseUrl.ToString() };
        var url = new Uri(server.BaseUrl, "v1/models").ToString();
        // A ReadyToRun publish (as the Docker image ships) when CHATOPSBOT_R2R names its folder.
        var r2rDir = Environment.GetEnvironmentVariable("CHATOPSBOT_R2R");
        var r2r = r2rDir is not null ? Path.Combine(r2rDir, "chatopsbot") : null;
        var curl = new List<double>();
        var ours = new List<double>();
        var ready = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            curl.Add(await TimeProcessAsync("curl", ["-sS", "-o", "/dev/null", "-H", "@-", url], env, expectExit: 0, stdin: $"Authorization: Bearer {key}"));
            ours.Add(await TimeProcessAsync("dotnet", [cli, "diagnose", "openai"], env, expectExit: 0));
            if (r2r is not null)
            {
                ready.Add(await TimeProcessAsync(r2r, ["diagnose", "openai"], env, expectExit: 0));
            }
        }

        Console.WriteLine("## (c) cold start: chatopsbot diagnose openai vs curl, same single request to a loopback fake");
        Console.WriteLine();
        Console.WriteLine("| case | median ms | p90 ms |");
        Console.WriteLine("|---|---|---|");
        Row("curl GET /v1/models", curl);
        Row("chatopsbot diagnose openai (build output, JIT)", ours);
        if (ready.Count > 0)
        {
            Row("chatopsbot diagnose openai (ReadyToRun publish)", ready);
        }

        Console.WriteLine();
        Console.WriteLine(Inv($"**ratio of medians chatopsbot/curl: {Median(ours) / Median(curl):0.0}**{(ready.Count > 0 ? Inv($", ReadyToRun/curl: {Median(ready) / Median(curl):0.0}") : "")} (curl sends one request; chatopsbot also starts the .NET runtime and host, checks the key, DNS and TCP, and renders)"));
        Console.WriteLine();
    }

    /// <summary>
    /// (d) the scrubber, which runs on every reply and log line: a 4 KB reply with two registered secrets, versus a
    /// plain <c>string.Replace</c> pass over the same text; and 64 KB of adversarial text (endless key prefixes)
    /// versus 64 KB of prose, which stays near 1 only if scrubbing is linear.
    /// </summary>
    public static void Scrubber(int runs)
    {
        var scrubber = new SecretScrubber();
        var a = TestKeys.OpenAIProject();
        using var r1 = scrubber.Register(a);
        using var r2 = scrubber.Register("telegram-bot-token-registered-0123456789");
        var reply = new StringBuilder();
        for (var i = 0; reply.Length < 4096; i++)
        {
            reply.Append("Probe of openai ended with auth.invalid_key after 412 ms (request id req_").Append(i).Append("). ");
            if (i % 10 == 3)
            {
                reply.Append("Incorrect API key provided: sk-proj-********************abcd. ");
            }

            if (i % 10 == 7)
            {
                reply.Append("{\"key\":\"").Append(TestKeys.Gemini()).Append("\"} ");
            }
        }

        var text = reply.ToString(0, 4096);
        var scrub = Measure(() => scrubber.Scrub(text), runs);
        var replace = Measure(() => _ = text.Replace("req_", "REQ_", StringComparison.Ordinal), runs);
        var prose = string.Concat(Enumerable.Repeat("The key check passed in 41 ms. ", 65_536 / 31));
        var hostile = string.Concat(Enumerable.Repeat("sk-", 65_536 / 3));
        var proseMs = Measure(() => scrubber.Scrub(prose), Math.Max(3, runs / 10));
        var hostileMs = Measure(() => scrubber.Scrub(hostile), Math.Max(3, runs / 10));

        Console.WriteLine("## (d) the secret scrubber (runs on every reply and log line), in-process");
        Console.WriteLine();
        Console.WriteLine("| case | median µs |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(Inv($"| string.Replace over a 4 KB reply (baseline) | {replace * 1000:0.0} |"));
        Console.WriteLine(Inv($"| Scrub a 4 KB reply, 2 secrets registered | {scrub * 1000:0.0} |"));
        Console.WriteLine(Inv($"| Scrub 64 KB of prose | {proseMs * 1000:0.0} |"));
        Console.WriteLine(Inv($"| Scrub 64 KB of \"sk-sk-sk-…\" | {hostileMs * 1000:0.0} |"));
        Console.WriteLine();
        Console.WriteLine(Inv($"**Scrub/Replace on 4 KB: {scrub / replace:0.0}**; **hostile/prose on 64 KB: {hostileMs / proseMs:0.0}** (linear: stays within a small constant)"));
        Console.WriteLine();
    }

    private static double Measure(Action action, int runs)
    {
        for (var i = 0; i < 20; i++)
        {
            action();
        }

        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var j = 0; j < 10; j++)
            {
                action();
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / 10);
        }

        return Median(samples);
    }

    private static FakeProviderServer Delayed(FakeProviderServer server, Func<FakeProviderServer, FakeProviderServer> behave, string path)
    {
        // The provider's real behaviour, behind a fixed latency.
        behave(server);
        return server.WithLatency("GET", path, Latency);
    }

    private static async Task<double> TimeProcessAsync(string file, string[] args, Dictionary<string, string> env, int expectExit, string? stdin = null)
    {
        var (ms, exit, output) = await RunProcessAsync(file, args, env, stdin);
        return exit == expectExit ? ms : throw new InvalidOperationException($"{file} exited {exit}: {output}");
    }

    private static async Task<(double Ms, int Exit, string Output)> RunProcessAsync(string file, string[] args, Dictionary<string, string> env, string? stdin)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            if (v.Length == 0)
            {
                info.Environment.Remove(k); // a provider variable of the machine's own: not in the run
            }
            else
            {
                info.Environment[k] = v;
            }
        }

        info.Environment["NO_COLOR"] = "1";
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (ms, process.ExitCode, await output + await error);
    }

    /// <summary>Each provider's verdict in <c>diagnose --json</c> output (stdout; stderr, if any, follows it).</summary>
    private static Dictionary<string, string> Verdicts(string output)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output)); // the first value: stdout's JSON
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetProperty("providers").EnumerateArray()
                .ToDictionary(p => p.GetProperty("provider").GetString()!, p => p.GetProperty("verdict").GetString()!);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"diagnose all --json: not the contract's JSON ({e.Message}): {output}");
        }
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine(Inv($"| {name} | {Median(values):0.0} | {Percentile(values, 0.9):0.0} |"));

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

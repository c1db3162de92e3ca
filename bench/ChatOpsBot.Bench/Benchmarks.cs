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
    public static async Task ColdStartVersusCurlAsync(string cli, int runs, bool nativeOnly = false)
    {
        var key = TestKeys.OpenAIProject();
        await using var server = (await FakeProviderServer.StartAsync()).AsOpenAI(key);
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = key, ["OPENAI_BASE_URL"] = server.BaseUrl.ToString() };
        var url = new Uri(server.BaseUrl, "v1/models").ToString();
        // A ReadyToRun publish (as the Docker image ships) when CHATOPSBOT_R2R names its folder.
        var r2rDir = Environment.GetEnvironmentVariable("CHATOPSBOT_R2R");
        var r2r = r2rDir is not null ? Path.Combine(r2rDir, "chatopsbot") : null;
        // Native AOT publishes (issue 15): CHATOPSBOT_NATIVE names the folder of the one measured, and
        // CHATOPSBOT_NATIVE_BEFORE that of an older commit's, so before and after come from the same run.
        var natives = NativeBinaries();
        var curl = new List<double>();
        var ours = new List<double>();
        var ready = new List<double>();
        var native = natives.ToDictionary(n => n.Label, _ => new List<double>());
        // Processor time (user + system, from /usr/bin/time) beside wall time: on a loaded machine a process waits for a
        // core far longer than it runs, and the wait says nothing about the program.
        var cpu = new Dictionary<string, List<double>>();
        async Task<double> TimedAsync(string label, string file, string[] arguments, string? stdin = null)
        {
            var (wall, used) = await TimeProcessCpuAsync(file, arguments, env, 0, stdin);
            (cpu.TryGetValue(label, out var list) ? list : cpu[label] = []).Add(used);
            return wall;
        }

        for (var i = 0; i < runs; i++)
        {
            curl.Add(await TimedAsync("curl", "curl", ["-sS", "-o", "/dev/null", "-H", "@-", url], $"Authorization: Bearer {key}"));
            if (!nativeOnly)
            {
                ours.Add(await TimedAsync("jit", "dotnet", [cli, "diagnose", "openai"]));
            }

            if (r2r is not null)
            {
                ready.Add(await TimedAsync("r2r", r2r, ["diagnose", "openai"]));
            }

            foreach (var (label, path) in natives)
            {
                native[label].Add(await TimedAsync(label, path, ["diagnose", "openai"]));
            }
        }

        Console.WriteLine("## (c) cold start: chatopsbot diagnose openai vs curl, same single request to a loopback fake");
        Console.WriteLine();
        Console.WriteLine("| case | median ms | p90 ms | CPU median ms |");
        Console.WriteLine("|---|---|---|---|");
        void CpuRow(string name, List<double> values, string label) =>
            Console.WriteLine(Inv($"| {name} | {Median(values):0.0} | {Percentile(values, 0.9):0.0} | {Median(cpu[label]):0} |"));
        CpuRow("curl GET /v1/models", curl, "curl");
        if (ours.Count > 0)
        {
            CpuRow("chatopsbot diagnose openai (build output, JIT)", ours, "jit");
        }

        if (ready.Count > 0)
        {
            CpuRow("chatopsbot diagnose openai (ReadyToRun publish)", ready, "r2r");
        }

        foreach (var (label, values) in native)
        {
            CpuRow($"chatopsbot diagnose openai ({label})", values, label);
        }

        Console.WriteLine();
        var ratios = new List<string>();
        if (ours.Count > 0)
        {
            ratios.Add(Inv($"**JIT/curl: {Median(ours) / Median(curl):0.0}**"));
        }

        if (ready.Count > 0)
        {
            ratios.Add(Inv($"ReadyToRun/curl: {Median(ready) / Median(curl):0.0}"));
        }

        ratios.AddRange(native.Select(n => Inv($"**{n.Key}/curl: {Median(n.Value) / Median(curl):0.0}** (CPU {Median(cpu[n.Key]) / Median(cpu["curl"]):0.0})")));
        Console.WriteLine($"Ratios of medians: {string.Join(", ", ratios)} (target for native ≤ 2.0; curl sends one request; chatopsbot also starts the .NET runtime and host, checks the key, DNS and TCP, and renders)");
        Console.WriteLine();
    }

    /// <summary>The native publishes named by CHATOPSBOT_NATIVE_BEFORE and CHATOPSBOT_NATIVE (folders holding <c>chatopsbot</c>).</summary>
    internal static List<(string Label, string Path)> NativeBinaries()
    {
        var found = new List<(string, string)>();
        foreach (var (variable, label) in new[] { ("CHATOPSBOT_NATIVE_BEFORE", "native, before"), ("CHATOPSBOT_NATIVE", "native") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } folder)
            {
                var path = System.IO.Path.Combine(folder, "chatopsbot");
                found.Add(File.Exists(path) ? (label, path) : throw new InvalidOperationException($"{variable}: {path} not found."));
            }
        }

        return found;
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

    internal static async Task<double> TimeProcessAsync(string file, string[] args, Dictionary<string, string> env, int expectExit, string? stdin = null)
    {
        var (ms, exit, output) = await RunProcessAsync(file, args, env, stdin);
        return exit == expectExit ? ms : throw new InvalidOperationException($"{file} exited {exit}: {output}");
    }

    /// <summary>
    /// Wall and processor time (user + system) of one run: the growth of this process's RUSAGE_CHILDREN, which counts
    /// each child once it has exited and been waited for (one child at a time here).
    /// </summary>
    internal static async Task<(double WallMs, double CpuMs)> TimeProcessCpuAsync(string file, string[] args, Dictionary<string, string> env, int expectExit, string? stdin = null)
    {
        var before = ChildrenCpuMs();
        var (ms, exit, output) = await RunProcessAsync(file, args, env, stdin);
        return exit == expectExit ? (ms, ChildrenCpuMs() - before) : throw new InvalidOperationException($"{file} exited {exit}: {output}");
    }

    private static double ChildrenCpuMs()
    {
        const int RusageChildren = -1;
        var usage = new Rusage();
        if (Getrusage(RusageChildren, ref usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed");
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int Getrusage(int who, ref Rusage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
#pragma warning disable CS0169, IDE0051 // the rest of the C struct: room for the kernel to write into
        private long _r0, _r1, _r2, _r3, _r4, _r5, _r6, _r7, _r8, _r9, _r10, _r11, _r12, _r13;
#pragma warning restore CS0169, IDE0051
    }

    internal static async Task<(double Ms, int Exit, string Output)> RunProcessAsync(string file, string[] args, Dictionary<string, string> env, string? stdin)
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

    internal static void Row(string name, List<double> values) =>
        Console.WriteLine(Inv($"| {name} | {Median(values):0.0} | {Percentile(values, 0.9):0.0} |"));

    internal static double Median(List<double> values) => Percentile(values, 0.5);

    internal static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

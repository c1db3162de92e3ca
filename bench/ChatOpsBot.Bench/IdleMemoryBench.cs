using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Bench;

/// <summary>
/// Issue 15 (3): the worker's resident memory when idle and connected. Each worker build (the JIT build output as the
/// baseline, and the native publishes named by CHATOPSBOT_NATIVE and CHATOPSBOT_NATIVE_BEFORE) is started as its own
/// process against a fresh fake Discord (gateway and REST) and fake Telegram Bot API on 127.0.0.1, interleaved run by
/// run; once it has identified on the gateway and holds a Telegram long poll, it is left idle and its VmRSS is read
/// from /proc/&lt;pid&gt;/status.
/// </summary>
internal static class IdleMemoryBench
{
    /// <summary>How long the worker idles, once connected, before its memory is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string cli, int runs)
    {
        var workers = new List<(string Label, string File, string[] Args)>();
        if (File.Exists(cli))
        {
            workers.Add(("build output, JIT", "dotnet", [cli]));
        }

        workers.AddRange(Benchmarks.NativeBinaries().Select(n => (n.Label, n.Path, Array.Empty<string>())));
        if (workers.Count == 0)
        {
            throw new InvalidOperationException("Nothing to measure: build the bench, or set CHATOPSBOT_NATIVE to a native publish folder.");
        }

        // Runtime settings to compare, e.g. CHATOPSBOT_IDLE_VARIANTS="DOTNET_gcConcurrent=0;DOTNET_GCgen0MaxBudget=400000":
        // each native worker runs once as published and once per variant (environment variables, comma-separated).
        var variants = (Environment.GetEnvironmentVariable("CHATOPSBOT_IDLE_VARIANTS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cases = new List<(string Label, string File, string[] Args, Dictionary<string, string> Env)>();
        foreach (var (label, file, args) in workers)
        {
            cases.Add((label, file, args, []));
            if (file != "dotnet")
            {
                cases.AddRange(variants.Select(v => ($"{label}, {v}", file, args,
                    v.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]))));
            }
        }

        var rss = cases.ToDictionary(w => w.Label, _ => new List<double>());
        var peak = cases.ToDictionary(w => w.Label, _ => new List<double>());
        for (var i = 0; i < runs; i++)
        {
            foreach (var (label, file, args, env) in cases)
            {
                var (now, high) = await MeasureAsync(file, args, env);
                rss[label].Add(now);
                peak[label].Add(high);
            }
        }

        Console.WriteLine(Inv($"## Idle memory: the worker connected to the fake Discord and the fake Telegram, idle {Settle.TotalSeconds:0} s ({runs} runs each, interleaved)"));
        Console.WriteLine();
        Console.WriteLine("| worker | VmRSS median MiB | VmRSS max MiB | VmHWM median MiB |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (label, _, _, _) in cases)
        {
            Console.WriteLine(Inv($"| {label} | {Benchmarks.Median(rss[label]):0.0} | {rss[label].Max():0.0} | {Benchmarks.Median(peak[label]):0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Target: the native worker ≤ 40 MiB resident.");
        Console.WriteLine();
    }

    private static async Task<(double RssMiB, double PeakMiB)> MeasureAsync(string file, string[] args, Dictionary<string, string> variables)
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var telegram = await FakeTelegramServer.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "chatopsbot-idle-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Discord__Token"] = discord.Options.Token;
        info.Environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString();
        info.Environment["Telegram__Token"] = telegram.Token;
        info.Environment["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString();
        info.Environment["Storage__DataDirectory"] = data;
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await discord.WaitUntilAsync(() => discord.FramesWithOp(2).Count > 0, "the worker's Identify", TimeSpan.FromSeconds(60));
            await telegram.WaitForHeldPollAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(Settle); // a bench: the idle time is what is measured
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{file} exited {process.ExitCode}: {await output}{await error}");
            }

            if (Environment.GetEnvironmentVariable("CHATOPSBOT_IDLE_SMAPS") == "1")
            {
                PrintLargestMappings(process.Id, file);
            }

            return (StatusMiB(process.Id, "VmRSS:"), StatusMiB(process.Id, "VmHWM:"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>Where the resident memory is: anonymous versus file-backed, and the largest mappings (to stderr).</summary>
    private static void PrintLargestMappings(int pid, string file)
    {
        Console.Error.WriteLine(Inv($"# {file}: RssAnon {StatusMiB(pid, "RssAnon:"):0.0} MiB, RssFile {StatusMiB(pid, "RssFile:"):0.0} MiB"));
        var mappings = new List<(string Name, long Kb)>();
        string? name = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-', StringComparison.Ordinal) && !line.StartsWith("Rss", StringComparison.Ordinal))
            {
                name = parts.Length >= 6 ? parts[5] : "[anon]";
            }
            else if (parts is ["Rss:", var kb, "kB"] && name is not null)
            {
                mappings.Add((name, long.Parse(kb, CultureInfo.InvariantCulture)));
            }
        }

        foreach (var group in mappings.GroupBy(m => m.Name).Select(g => (g.Key, Kb: g.Sum(m => m.Kb))).OrderByDescending(g => g.Kb).Take(12))
        {
            Console.Error.WriteLine(Inv($"#   {group.Kb / 1024.0,6:0.0} MiB  {group.Key}"));
        }
    }

    /// <summary>A "VmRSS:   51234 kB" line of /proc/&lt;pid&gt;/status, in MiB.</summary>
    private static double StatusMiB(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kb = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Text;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Tests.Native;

/// <summary>
/// The natively published <c>chatopsbot</c> named by <c>CHATOPSBOT_NATIVE_BINARY</c> (CI sets it after
/// <c>dotnet publish src/ChatOpsBot -c Release -r linux-x64 -o out</c>), started as a user or a supervisor starts it.
/// </summary>
internal sealed class NativeBinary : IDisposable
{
    public const string Variable = "CHATOPSBOT_NATIVE_BINARY";

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly string _workingDirectory;

    private NativeBinary(Process process, string workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    /// <summary>The binary's path, or null when the variable is not set (the tests are then skipped).</summary>
    public static string? Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static NativeBinary Start(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var binary = Path ?? throw new InvalidOperationException(Variable + " is not set.");
        Assert.True(File.Exists(binary), $"{Variable} names {binary}, which does not exist.");
        var workingDirectory = Directory.CreateTempSubdirectory("chatopsbot-native-").FullName;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Every provider's variables and the proxy ones: only what the test gives counts.
        var inherited = ProviderRegistry.Descriptors.SelectMany(d => d.KeyVariables.Append(d.BaseUrlVariable))
            .Concat(["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"]);
        foreach (var name in inherited)
        {
            info.Environment.Remove(name);
        }

        info.Environment["Storage__DataDirectory"] = System.IO.Path.Combine(workingDirectory, "data");
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        var process = new Process { StartInfo = info };
        var native = new NativeBinary(process, workingDirectory);
        process.OutputDataReceived += (_, e) => Append(native._out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(native._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return native;
    }

    /// <summary>Runs to the end (a bound of 60 s of real time, a safety net): exit code, stdout, stderr.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        using var native = Start(env, args);
        var exit = await native.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, native.Out, native.Error);
    }

    /// <summary>Asks the process to stop as a supervisor does (SIGTERM) and waits for its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(bound); // real time: a safety net, not a pace
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}

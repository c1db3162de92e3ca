using System.Diagnostics;
using System.Text;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Tests.Scale;

/// <summary>The built <c>chatopsbot</c> worker as a process of its own, its output collected for leak checks.</summary>
internal sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ReplicaProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ReplicaProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatopsbot.dll"));
        foreach (var name in ProviderRegistry.Descriptors.SelectMany(d => d.KeyVariables.Append(d.BaseUrlVariable)).Concat(["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy"]))
        {
            info.Environment.Remove(name);
        }

        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        var replica = new ReplicaProcess(Process.Start(info)!);
        replica._process.OutputDataReceived += (_, e) => replica.Append(e.Data);
        replica._process.ErrorDataReceived += (_, e) => replica.Append(e.Data);
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        return replica;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down cleanly (leases given up).</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, leases and claims left behind.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatOpsBot.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: <c>initdb</c> in a temporary directory, started on a free
/// loopback port with its unix socket in that directory and fsync off, stopped and deleted on dispose. Run as the
/// <c>postgres</c> user when the tests run as root (PostgreSQL refuses root). Found in <c>CHATOPSBOT_PG_BIN</c>, else
/// <c>/usr/lib/postgresql/15/bin</c>, else the newest <c>/usr/lib/postgresql/N/bin</c>, else <c>initdb</c> on the PATH; when none is there, <see cref="StartAsync"/>
/// fails with a message saying what to install. TCP connections need the password (scram-sha-256), so tests can
/// show that a refused password is reported without being quoted.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser's password: a test asserts it never appears in any output.</summary>
    public const string Password = "pg-fixture-S3cret-0a9f51";

    private readonly string _directory;
    private readonly string _bin;
    private readonly string? _runAs;
    private int _databases;

    private PostgresCluster(string directory, string bin, string? runAs, int port)
    {
        _directory = directory;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> as the superuser, over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password={Password};Pooling=true;Timeout=5";

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        var connection = new NpgsqlConnection(ConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // the name is made here from a counter and a GUID
            var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
#pragma warning restore CA2100
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ConnectionString(name);
    }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed here, so the PostgreSQL store's tests cannot run. Install PostgreSQL 15 " +
            "(Debian/Ubuntu: apt-get install postgresql-15; its programs land in /usr/lib/postgresql/15/bin) or set " +
            "CHATOPSBOT_PG_BIN to the folder holding initdb and pg_ctl. Nothing needs to be running: the tests start their own cluster.");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var directory = Path.Combine(Path.GetTempPath(), "chatopsbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var cluster = new PostgresCluster(directory, bin, runAs, port);
        try
        {
            var pwfile = Path.Combine(directory, "pwfile");
            await File.WriteAllTextAsync(pwfile, Password + "\n").ConfigureAwait(false);
            if (runAs is not null)
            {
                await cluster.RunAsync("chown", ["-R", runAs, directory], asUser: false).ConfigureAwait(false);
            }

            var data = Path.Combine(directory, "data");
            await cluster.RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync", "--no-instructions"]).ConfigureAwait(false);
            await cluster.RunAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                 "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"]).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var data = Path.Combine(_directory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temporary folder is cleaned by the system
        }
    }

    private static string? FindBin()
    {
        // Debian and Ubuntu keep the server's programs off the PATH, in /usr/lib/postgresql/<version>/bin: 15 first, else the newest.
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("CHATOPSBOT_PG_BIN"), "/usr/lib/postgresql/15/bin" }.Concat(installed))
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, "initdb")))
            {
                return candidate;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(p => p.Length > 0 && File.Exists(Path.Combine(p, "initdb")) && File.Exists(Path.Combine(p, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asUser = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory };
        if (asUser && _runAs is not null)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            var server = File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "";
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)} {server}");
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// A provider API on 127.0.0.1 (Kestrel, real sockets, port 0) that answers with scripted or recorded responses.
/// Requests nobody scripted are recorded in <see cref="Unexpected"/> and answered 501, so tests fail loudly.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedRequest> _unexpected = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _queued = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeResponse>> _routes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    private FakeProviderServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Unexpected => [.. _unexpected];

    public static async Task<FakeProviderServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Answers every <paramref name="method"/> request to <paramref name="path"/> (no query) with <paramref name="responder"/>.</summary>
    public FakeProviderServer On(string method, string path, Func<RecordedRequest, FakeResponse> responder)
    {
        _routes[Key(method, path)] = responder;
        return this;
    }

    public FakeProviderServer On(string method, string path, FakeResponse response) => On(method, path, _ => response);

    /// <summary>Delays every answer of an existing route by <paramref name="latency"/> (real time, for benchmarks).</summary>
    public FakeProviderServer WithLatency(string method, string path, TimeSpan latency)
    {
        var key = Key(method, path);
        var inner = _routes[key];
        _routes[key] = request => inner(request) with { Delay = latency };
        return this;
    }

    /// <summary>Holds every answer of an existing route until <paramref name="gate"/> completes (a slow provider, no sleeping).</summary>
    public FakeProviderServer WithGate(string method, string path, Task gate)
    {
        var key = Key(method, path);
        var inner = _routes[key];
        _routes[key] = request => inner(request) with { Until = gate };
        return this;
    }

    /// <summary>Answers the next request to this route with <paramref name="response"/>, before any standing route.</summary>
    public FakeProviderServer Enqueue(string method, string path, FakeResponse response)
    {
        _queued.GetOrAdd(Key(method, path), _ => new ConcurrentQueue<FakeResponse>()).Enqueue(response);
        return this;
    }

    /// <summary>Waits until <paramref name="count"/> more requests have arrived (a safety net, not a sleep).</summary>
    public async Task WaitForRequestsAsync(int count = 1, TimeSpan? timeout = null)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _arrivals.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"The fake provider got {_requests.Count} request(s); waited for {count} more.");
            }
        }
    }

    // Compared unescaped: a scripted path is a request URI's escaped AbsolutePath ("zephyr%3Alatest"), while the server
    // sees it decoded except for %2F ("zephyr:latest", "workers-ai%2F@cf").
    private static string Key(string method, string path) => $"{method.ToUpperInvariant()} {Uri.UnescapeDataString(path)}";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", headers, body);
        _requests.Enqueue(recorded);
        _arrivals.Release();

        var key = Key(request.Method, recorded.Path);
        FakeResponse? response = null;
        if (_queued.TryGetValue(key, out var queue) && queue.TryDequeue(out var next))
        {
            response = next;
        }
        else if (_routes.TryGetValue(key, out var responder) || TryPrefix(key, out responder))
        {
            response = responder(recorded);
        }

        if (response is null)
        {
            _unexpected.Enqueue(recorded);
            context.Response.StatusCode = 501;
            await context.Response.WriteAsync($"fake provider: nothing scripted for {key}", context.RequestAborted);
            return;
        }

        await WriteAsync(context, response);
    }

    private bool TryPrefix(string key, out Func<RecordedRequest, FakeResponse> responder)
    {
        foreach (var (route, value) in _routes)
        {
            if (route.EndsWith('*') && key.StartsWith(route[..^1], StringComparison.Ordinal))
            {
                responder = value;
                return true;
            }
        }

        responder = null!;
        return false;
    }

    private async Task WriteAsync(HttpContext context, FakeResponse response)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (response.Hang)
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }

            if (response.Until is { } gate)
            {
                await gate.WaitAsync(linked.Token);
            }

            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, linked.Token);
            }

            if (response.Drop)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers)
            {
                if (string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "transfer-encoding", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "content-encoding", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // Kestrel frames the body itself; recorded framing headers would lie
                }

                context.Response.Headers[name] = value;
            }

            if (response.ContentEncoding is { } encoding)
            {
                context.Response.Headers.ContentEncoding = encoding;
            }

            if (response.RawBody is { } raw)
            {
                await context.Response.Body.WriteAsync(raw, linked.Token);
                return;
            }

            if (response.Endless)
            {
                var chunk = Encoding.UTF8.GetBytes(new string('x', 16 * 1024));
                for (var sent = 0L; sent < 64L * 1024 * 1024 && !linked.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, linked.Token);
                }

                return;
            }

            await context.Response.WriteAsync(response.Body, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the server is stopping: nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        _arrivals.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// Reads status pages, cached: at most one fetch per page per <c>StatusPages:RefreshEvery</c>, shared by every caller
/// (concurrent callers await the same fetch; a failure is cached too, so a page that is down is not hammered). A
/// caller waits at most 1.5 s: a slow page reads as "status unknown" and its late answer still fills the cache. A page
/// that is down, slow or answers garbage is never an error, only <see cref="StatusPageState.Unknown"/>.
/// </summary>
public sealed partial class StatusPageReader(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptions<StatusPageOptions> options,
    ILogger<StatusPageReader> logger)
{
    public const string HttpClientName = "chatopsbot.status";

    private const int MaxBytes = 1 << 20;

    private readonly ConcurrentDictionary<string, Fetch> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>How many fetches were started (for tests and metrics).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    private int _fetches;

    /// <summary>The reading of <paramref name="page"/>, waiting at most 1.5 s for a fetch.</summary>
    public async Task<StatusPageReading> ReadAsync(StatusPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var settings = options.Value;
        if (settings.RootOf(page) is not { } configured)
        {
            return new StatusPageReading { Page = page, Link = page.Link, IsOff = true, At = timeProvider.GetUtcNow() };
        }

        var root = configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = Task.Delay(settings.WaitAtMost, timeProvider, waiting.Token); // set before the fetch can start
        var fetch = Current(page, root, settings);
        var first = await Task.WhenAny(fetch.Task, limit).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == fetch.Task
            ? await fetch.Task.ConfigureAwait(false)
            : Unknown(page, root, $"did not answer within {settings.WaitAtMost.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s");
    }

    private Fetch Current(StatusPage page, Uri root, StatusPageOptions settings)
    {
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            if (_cache.TryGetValue(page.Name, out var cached)
                && cached.Root == root
                && (!cached.Task.IsCompleted || timeProvider.GetElapsedTime(cached.Started, now) < settings.RefreshEvery))
            {
                return cached;
            }

            Interlocked.Increment(ref _fetches);
            var fetch = new Fetch(root, now, FetchAsync(page, root, settings));
            _cache[page.Name] = fetch;
            return fetch;
        }
    }

    private async Task<StatusPageReading> FetchAsync(StatusPage page, Uri root, StatusPageOptions settings)
    {
        await Task.Yield(); // never under the cache's lock
        using var timeout = new CancellationTokenSource(settings.FetchTimeout, timeProvider);
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            var (status, summary) = await GetAsync(client, new Uri(root, "api/v2/summary.json"), timeout.Token).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                return Unknown(page, root, $"answered HTTP {(int)status}");
            }

            var (description, components, incidents) = StatusPageParser.Summary(summary, root);
            if (incidents is null)
            {
                // incident.io's shim leaves incidents out of the summary; its incident list has them (not its
                // incidents/unresolved.json, which answers 404 there).
                var (listStatus, list) = await GetAsync(client, new Uri(root, "api/v2/incidents.json"), timeout.Token).ConfigureAwait(false);
                incidents = listStatus == HttpStatusCode.OK ? StatusPageParser.Incidents(list, root) : [];
            }

            return new StatusPageReading
            {
                Page = page,
                Link = root,
                Description = description,
                Components = components,
                Incidents = incidents,
                At = timeProvider.GetUtcNow(),
            };
        }
        catch (JsonException)
        {
            return Unknown(page, root, "answered something that is not a status summary");
        }
        catch (OperationCanceledException)
        {
            return Unknown(page, root, $"did not answer within {(int)settings.FetchTimeout.TotalSeconds} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or NotSupportedException or DecoderFallbackException)
        {
            return Unknown(page, root, ex is HttpRequestException { HttpRequestError: var error } ? $"could not be reached ({error})" : "could not be read");
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, "");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new JsonException("The answer is larger than a status summary can be.");
            }

            buffer.Write(chunk, 0, read);
        }

        return (HttpStatusCode.OK, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private StatusPageReading Unknown(StatusPage page, Uri root, string problem)
    {
        Log.Unreadable(logger, page.DisplayName, root.Host, problem);
        return new StatusPageReading { Page = page, Link = page.Link ?? root, Problem = problem, At = timeProvider.GetUtcNow() };
    }

    private sealed record Fetch(Uri Root, long Started, Task<StatusPageReading> Task);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Status page of {Page} ({Host}) {Problem}: status unknown.")]
        public static partial void Unreadable(ILogger logger, string page, string host, string problem);
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Providers;
using Polly.Timeout;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// Sends one probe through the "probe" HTTP client (one jittered retry for transient failures, never for a 4xx) and
/// reads a bounded prefix of the answer. Transport failures come back as findings, not exceptions; only the
/// caller's cancellation (the deadline) propagates.
/// </summary>
public sealed class ProbeSender(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, IWebProxy? proxy = null)
{
    public const string HttpClientName = "chatopsbot.probe";

    public Task<ProbeOutcome> SendAsync(
        HttpRequestMessage request,
        ProviderId provider,
        DiagnosticStage stage,
        DateTimeOffset deadline,
        CancellationToken cancellationToken) =>
        SendAsync(request, provider, stage, deadline, connection: null, cancellationToken);

    /// <param name="request">The probe.</param>
    /// <param name="provider">Whose API it is.</param>
    /// <param name="stage">The stage the probe reports under.</param>
    /// <param name="deadline">When the whole diagnosis must end.</param>
    /// <param name="connection">The network stage's connection to the same host, when it handed one over.</param>
    /// <param name="cancellationToken">The diagnosis's deadline.</param>
    public async Task<ProbeOutcome> SendAsync(
        HttpRequestMessage request,
        ProviderId provider,
        DiagnosticStage stage,
        DateTimeOffset deadline,
        ConnectionHandoff? connection,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var log = new ProbeAttemptLog();
        request.Options.Set(ProbeAttemptLog.Key, log);
        request.Options.Set(ProbeAttemptLog.DeadlineKey, deadline);
        if (connection is not null)
        {
            request.Options.Set(ConnectionHandoff.Key, connection);
        }

        var started = timeProvider.GetTimestamp();
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            string body;
            bool truncated;
            try
            {
                (body, truncated) = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUndecodable(ex, headers) && !cancellationToken.IsCancellationRequested)
            {
                var spent = timeProvider.GetElapsedTime(started);
                return new ProbeOutcome(null, Undecodable((int)response.StatusCode, headers, provider, stage, request.RequestUri), log.Attempts, spent);
            }

            var elapsed = timeProvider.GetElapsedTime(started);
            DiagnosticsMetrics.Probed(provider, elapsed, answered: true);
            var probeResponse = new ProbeResponse((int)response.StatusCode, headers, body, truncated, elapsed);
            return new ProbeOutcome(probeResponse, null, log.Attempts, elapsed);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransport(ex))
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            DiagnosticsMetrics.Probed(provider, elapsed, answered: false);
            return new ProbeOutcome(null, ToFinding(ex, provider, stage, request.RequestUri, log.Attempts), log.Attempts, elapsed);
        }
    }

    private static bool IsTransport(Exception ex) =>
        ex is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException or AuthenticationException;

    /// <summary>
    /// The decompressor refused the body: GZip/Deflate throw <see cref="InvalidDataException"/>, Brotli
    /// <see cref="InvalidOperationException"/>. Only with a <c>Content-Encoding</c>, so nothing else is taken for it.
    /// </summary>
    private static bool IsUndecodable(Exception ex, Dictionary<string, string> headers) =>
        ex is InvalidDataException or InvalidOperationException && headers.ContainsKey("Content-Encoding");

    /// <summary>
    /// An answer labelled with an encoding its body is not in (a middlebox rewrote it, or cut it): what arrived, as a
    /// finding. Through a proxy, the proxy is the likely culprit. Never quotes the body (it was not readable).
    /// </summary>
    internal Finding Undecodable(int status, IReadOnlyDictionary<string, string> headers, ProviderId provider, DiagnosticStage stage, Uri? target)
    {
        var encoding = headers.TryGetValue("Content-Encoding", out var e) ? e : "?";
        var evidence = new JsonObject
        {
            ["status"] = status,
            ["content_encoding"] = encoding,
            ["error"] = "undecodable_body",
        };
        if (headers.TryGetValue("Content-Type", out var type))
        {
            evidence["content_type"] = type;
        }

        if (target is not null)
        {
            evidence["host"] = target.Host;
        }

        var via = target is null ? null : proxy?.GetProxy(target);
        var what = $"HTTP {status} with Content-Encoding: {encoding}, but its body could not be decoded as {encoding}";
        if (via is not null)
        {
            evidence["proxy"] = via.Authority;
            return Finding.Create(VerdictCodes.NetworkProxy, DiagnosticStage.Network, provider,
                $"The answer came through the proxy {via.Authority} as {what}. The proxy (or something behind it) is altering answers: ask its operator, or try without it.",
                evidence);
        }

        return Finding.Create(VerdictCodes.ProviderUnexpected, stage, provider,
            $"The API answered {what}. Something on the way (a firewall, gateway or antivirus inspecting traffic) is altering answers.",
            evidence);
    }

    /// <summary>
    /// Reads at most <see cref="ProbeResponse.MaxBodyChars"/> bytes after decoding: a huge or endless body, or a
    /// compression bomb, is cut. Decoded here rather than by the handler, so a body that is not in its declared
    /// <c>Content-Encoding</c> can be told apart (and the header reported); an unknown encoding is read as it is.
    /// </summary>
    private static async Task<(string Body, bool Truncated)> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[ProbeResponse.MaxBodyChars + 1];
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        foreach (var encoding in content.Headers.ContentEncoding.Reverse())
        {
            stream = encoding.Trim().ToUpperInvariant() switch
            {
                "GZIP" or "X-GZIP" => new GZipStream(stream, CompressionMode.Decompress),
                "DEFLATE" => new ZLibStream(stream, CompressionMode.Decompress),
                "BR" => new BrotliStream(stream, CompressionMode.Decompress),
                _ => stream,
            };
        }

        await using (stream.ConfigureAwait(false))
        {
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            var truncated = read > ProbeResponse.MaxBodyChars;
            var length = Math.Min(read, ProbeResponse.MaxBodyChars);
            return (Encoding.UTF8.GetString(buffer, 0, length), truncated);
        }
    }

    internal static Finding ToFinding(Exception ex, ProviderId provider, DiagnosticStage stage, Uri? target, IReadOnlyList<ProbeAttempt> attempts)
    {
        var evidence = new JsonObject
        {
            ["attempts"] = attempts.Count,
            ["error"] = AttemptRecordingHandler.Describe(ex),
        };
        if (target is not null)
        {
            evidence["host"] = target.Host;
        }

        var socket = FindInner<SocketException>(ex);
        if (socket is not null)
        {
            evidence["socket_error"] = socket.SocketErrorCode.ToString();
        }

        var message = ex.Message;
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } || message.Contains("proxy", StringComparison.OrdinalIgnoreCase))
        {
            if (ex is HttpRequestException { StatusCode: { } proxyStatus })
            {
                evidence["proxy_status"] = (int)proxyStatus;
            }

            var detail = ex is HttpRequestException { StatusCode: HttpStatusCode.ProxyAuthenticationRequired } || message.Contains("407", StringComparison.Ordinal)
                ? "The proxy demanded authentication (407) before it would open the tunnel."
                : "The proxy refused or failed to open a tunnel to the API host.";
            return Finding.Create(VerdictCodes.NetworkProxy, DiagnosticStage.Network, provider, detail, evidence);
        }

        if (ex is AuthenticationException || FindInner<AuthenticationException>(ex) is not null)
        {
            return Finding.Create(VerdictCodes.NetworkTlsFailed, DiagnosticStage.Network, provider,
                "The TLS handshake with the API host failed during the HTTP request.", evidence);
        }

        if (ex is TimeoutRejectedException or OperationCanceledException)
        {
            evidence["phase"] = $"{stage.ToWire()} probe (waiting for an answer)";
            return Finding.Create(VerdictCodes.NetworkTimeout, stage, provider,
                $"The API did not answer within the time allowed for each attempt ({attempts.Count} attempt(s)).", evidence);
        }

        var what = socket is not null ? $"the connection failed ({socket.SocketErrorCode})" : "the connection was closed or reset";
        return Finding.Create(VerdictCodes.NetworkConnectFailed, stage, provider,
            $"The HTTP request got no answer: {what}.", evidence);
    }

    private static T? FindInner<T>(Exception ex)
        where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The proxy route check of <see cref="NetworkProbe"/> (route A/B): CONNECT through the proxy, then TLS through the
/// tunnel with the issuer check, and, where allowed, a TCP connection straight to the target.
/// </summary>
/// <param name="timeProvider">Times the CONNECT and bounds it and the direct route.</param>
/// <param name="checks">How the proxy route is checked (<see cref="NetworkProbeOptions.ProxyChecks"/>).</param>
/// <param name="tlsHandshaker">The TLS handshake through the tunnel.</param>
/// <param name="dnsCheck">Resolves the target for the direct route.</param>
/// <param name="connector">Connects the direct route.</param>
/// <param name="acceptLoopbackAnswers">Tests only: the direct route may connect to a loopback answer (<see cref="NetworkProbeOptions.AcceptLoopbackAnswers"/>).</param>
internal sealed partial class ProxyRouteCheck(
    TimeProvider timeProvider,
    ProxyCheckOptions checks,
    TlsHandshaker tlsHandshaker,
    DnsCheck dnsCheck,
    TcpConnector connector,
    bool acceptLoopbackAnswers)
{
    private const string ProxyPhase = "proxy connect";
    private const int MaxProxyAnswer = 8192;

    /// <summary>
    /// Route A/B: CONNECT through the proxy (407, a block page or a reset is <c>network.proxy</c>; a tunnel gets the
    /// TLS handshake and issuer check), and, where allowed, a TCP connection straight to the target.
    /// </summary>
    public async Task<NetworkResult> CheckAsync(
        Socket socket,
        Hop hop,
        RouteInfo route,
        ProviderId provider,
        List<Finding> findings,
        PhaseTracker phase,
        CancellationToken cancellationToken)
    {
        var target = route.Target;
        var targetHost = target.IdnHost.TrimStart('[').TrimEnd(']');
        var targetPort = target.Port > 0 ? target.Port : 443;
        phase.Enter(DiagnosticStage.Network, ProxyPhase);
        var directTask = checks.TryDirect ? TryDirectAsync(targetHost, targetPort, checks.Timeout, cancellationToken) : null;
        var answer = await ConnectThroughAsync(socket, hop, targetHost, targetPort, cancellationToken).ConfigureAwait(false);
        var direct = directTask is null ? null : await directTask.ConfigureAwait(false);

        var evidence = new JsonObject
        {
            ["proxy"] = hop.Display,
            ["proxy_source"] = route.ProxySource,
            ["connect_target"] = $"{targetHost}:{targetPort}",
            ["proxy_connect_ms"] = answer.ElapsedMs,
            ["no_proxy_matched"] = false,
            ["proxy_credentials_sent"] = answer.CredentialsSent,
        };
        if (answer.Status is { } status)
        {
            evidence["proxy_status"] = status;
        }

        if (answer.Headers.TryGetValue("Proxy-Authenticate", out var challenge))
        {
            evidence["proxy_authenticate"] = challenge;
        }

        if (answer.Title is { } title)
        {
            evidence["block_page_title"] = title;
        }

        if (answer.Failure is { } failure)
        {
            evidence["proxy_failure"] = failure;
        }

        evidence["direct_route"] = direct switch
        {
            null => "not tried (Network:TryDirect is off)",
            { Error: null } d => $"works (connected to {NetworkFindings.Endpoint(d.Address!, targetPort)} in {NetworkFindings.Ms(d.ElapsedMs)})",
            { } d => $"fails ({d.Error})",
        };
        var directText = direct switch
        {
            null => "The direct route was not tried (Network:TryDirect is off).",
            { Error: null } => $"The direct route works: {targetHost} can be reached without the proxy (add it to NO_PROXY, or fix the proxy).",
            { } d => $"The direct route fails too ({d.Error}): this network lets traffic out only through the proxy.",
        };

        if (answer.Status != 200)
        {
            var what = answer switch
            {
                { Status: 407 } => $"The proxy {hop.Display} demands authentication (407 Proxy Authentication Required"
                    + (challenge is null ? ")" : $", {challenge})")
                    + (answer.CredentialsSent ? ": the credentials in the proxy URL were refused." : ": no credentials were given in the proxy URL."),
                { Status: { } s, Title: { } t } => $"The proxy {hop.Display} refused the tunnel to {targetHost} with {s} and a block page (\"{t}\").",
                { Status: { } s } => $"The proxy {hop.Display} refused the tunnel to {targetHost} with {s}.",
                _ => $"The proxy {hop.Display} accepted the connection but {answer.Failure} when asked for a tunnel to {targetHost}.",
            };
            findings.Add(Finding.Create(VerdictCodes.NetworkProxy, DiagnosticStage.Network, provider, $"{what} {directText}", evidence));
            return new NetworkResult(false, findings);
        }

        findings.Add(Finding.Pass(
            DiagnosticStage.Network,
            $"Proxy tunnel to {targetHost}",
            $"The proxy {hop.Display} opened a tunnel to {targetHost}:{targetPort} in {NetworkFindings.Ms(answer.ElapsedMs)} (NO_PROXY does not match {targetHost}). {directText}",
            evidence));

        if (!hop.IsHttps)
        {
            return new NetworkResult(true, findings);
        }

        // TLS through the tunnel: the certificate the proxy lets through (or its own, when it inspects).
        phase.Enter(DiagnosticStage.Network, NetworkProbe.TlsPhase);
        var targetHop = new Hop(targetHost, targetPort, IsProxy: false, IsHttps: true);
        return await tlsHandshaker.CheckAsync(socket, targetHop, provider, route.CustomBaseUrl, findings, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProxyAnswer> ConnectThroughAsync(
        Socket socket, Hop hop, string host, int port, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: ChatOpsBot/1.0 (diagnostics)\r\n");
        var credential = checks.Credentials(new UriBuilder("http", hop.Host, hop.Port).Uri);
        if (credential is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Password}"));
            request.Append(CultureInfo.InvariantCulture, $"Proxy-Authorization: Basic {token}\r\n");
        }

        request.Append("\r\n");
        using var limit = new CancellationTokenSource(checks.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var received = new List<byte>();
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(request.ToString()), SocketFlags.None, linked.Token).ConfigureAwait(false);
            var one = new byte[1];
            while (received.Count < MaxProxyAnswer && !EndsWithBlankLine(received))
            {
                // One byte at a time up to the blank line: after a 200, the next bytes belong to TLS.
                if (await socket.ReceiveAsync(one, SocketFlags.None, linked.Token).ConfigureAwait(false) == 0)
                {
                    break;
                }

                received.Add(one[0]);
            }

            var head = Encoding.Latin1.GetString([.. received]);
            if (!TryParseStatus(head, out var status, out var headers))
            {
                return new ProxyAnswer(null, headers, null, received.Count == 0
                    ? "closed the connection without answering (the CONNECT was reset)"
                    : "answered something that is not HTTP", credential is not null, NetworkTiming.ElapsedMs(timeProvider, start));
            }

            string? title = null;
            if (status != 200)
            {
                var body = await ReadBodyAsync(socket, headers, linked.Token).ConfigureAwait(false);
                title = TitleOf(body);
            }

            return new ProxyAnswer(status, headers, title, null, credential is not null, NetworkTiming.ElapsedMs(timeProvider, start));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProxyAnswer(null, new(StringComparer.OrdinalIgnoreCase), null,
                received.Count == 0 ? "did not answer in time" : "stopped answering part-way", credential is not null, NetworkTiming.ElapsedMs(timeProvider, start));
        }
        catch (SocketException ex)
        {
            return new ProxyAnswer(null, new(StringComparer.OrdinalIgnoreCase), null,
                $"reset the connection ({ex.SocketErrorCode}) (the CONNECT was reset)", credential is not null, NetworkTiming.ElapsedMs(timeProvider, start));
        }
    }

    private async Task<DirectRoute> TryDirectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            var dns = await dnsCheck.ResolveAsync(host, linked.Token).ConfigureAwait(false);
            var candidates = dns.Addresses.Where(a => dns.IsLiteral || acceptLoopbackAnswers || AddressClassifier.IsPublic(a)).ToList();
            if (candidates.Count == 0)
            {
                return new DirectRoute(null, dns.Addresses.Count == 0 ? $"{host} does not resolve" : $"{host} resolves only to impossible addresses", 0);
            }

            var (socket, attempts) = await connector.ConnectAsync(candidates, port, linked.Token).ConfigureAwait(false);
            using (socket)
            {
                var last = attempts[^1];
                return socket is null
                    ? new DirectRoute(null, NetworkFindings.Describe(last.Error), last.ElapsedMs)
                    : new DirectRoute(last.Address, null, last.ElapsedMs);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DirectRoute(null, "no connection in time (a firewall dropping packets)", Math.Round(timeout.TotalMilliseconds, 2));
        }
    }

    private static async Task<string> ReadBodyAsync(Socket socket, Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var limit = headers.TryGetValue("Content-Length", out var cl) && int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Math.Min(n, MaxProxyAnswer)
            : MaxProxyAnswer;
        var buffer = new byte[limit];
        var total = 0;
        try
        {
            while (total < limit)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // Keep what came: the status line already says the proxy refused.
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    private static bool TryParseStatus(string head, out int status, out Dictionary<string, string> headers)
    {
        headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        status = 0;
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status))
        {
            return false;
        }

        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        return true;
    }

    private static string? TitleOf(string body)
    {
        var match = TitleRegex().Match(body);
        if (match.Success)
        {
            var title = WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
            return title.Length > 120 ? title[..120] : title;
        }

        return body.Contains("<html", StringComparison.OrdinalIgnoreCase) ? "an HTML page without a title" : null;
    }

    [GeneratedRegex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, 2000)]
    private static partial Regex TitleRegex();

    private sealed record ProxyAnswer(
        int? Status, Dictionary<string, string> Headers, string? Title, string? Failure, bool CredentialsSent, double ElapsedMs);

    private sealed record DirectRoute(IPAddress? Address, string? Error, double ElapsedMs);
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The egress stage: where the provider side sees this machine coming from, and whether the provider serves that
/// country. OpenAI's and Anthropic's API hosts sit behind Cloudflare, whose <c>/cdn-cgi/trace</c> answers
/// <c>ip=</c> and <c>loc=</c> lines; Gemini's host is Google's own front end, which has no such endpoint, so its
/// egress is reported as unknown (its own "User location is not supported" answer is classified by the auth probe).
/// </summary>
/// <remarks>
/// The request goes through the same proxy decision as the probes (<see cref="ProxyRoute"/>), so it leaves the way
/// the key would. Every outcome is a finding: an unreadable trace is "unknown", never a crash or a region verdict.
/// </remarks>
public sealed class EgressProbe(
    IHttpClientFactory httpClientFactory,
    IOptions<NetworkOptions> networkOptions,
    IOptions<EngineOptions> engineOptions,
    TimeProvider timeProvider)
{
    public const string HttpClientName = "chatopsbot.egress";

    private const int MaxBodyChars = 4096;

    /// <summary>The provider hosts known to answer the Cloudflare trace (see the README, "Network checks").</summary>
    public static Uri? DefaultTraceUrl(ProviderId provider) => ProviderRegistry.Find(provider)?.TraceUrl;

    public async Task<IReadOnlyList<Finding>> RunAsync(ProviderId provider, bool customBaseUrl, CancellationToken cancellationToken)
    {
        var options = networkOptions.Value;
        if (!options.CheckEgress)
        {
            return [Skipped(provider, "The egress check is switched off (Network:CheckEgress).", "disabled")];
        }

        var configured = options.EgressTraceUrls.TryGetValue(provider.DisplayName(), out var u) ? u : null;
        if (configured is null && customBaseUrl)
        {
            return [Skipped(provider,
                "A custom base URL is in use: the gateway calls the provider from its own network, so this machine's egress country says nothing about it.",
                "custom base url")];
        }

        var url = configured ?? DefaultTraceUrl(provider);
        if (url is null)
        {
            return [Skipped(provider,
                $"Egress country unknown: {provider.DisplayName()}'s API host has no trace endpoint. If {provider.DisplayName()} refuses the region, its own answer (\"User location is not supported\") shows in the key check.",
                "no trace endpoint")];
        }

        var started = timeProvider.GetTimestamp();
        var limit = options.EgressTimeout < engineOptions.Value.AttemptTimeout ? options.EgressTimeout : engineOptions.Value.AttemptTimeout;
        using var attempt = new CancellationTokenSource(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        int status;
        string body;
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is HttpRequestException or IOException or OperationCanceledException or SocketException)
        {
            var why = ex is OperationCanceledException ? "no answer in time" : ex.Message;
            return [Unknown(provider, url, $"The trace endpoint {UrlDisplay.Show(url)} could not be read ({why}).", ElapsedMs(started))];
        }

        var elapsed = ElapsedMs(started);
        if (status is < 200 or > 299)
        {
            return [Unknown(provider, url, $"The trace endpoint {UrlDisplay.Show(url)} answered {status}.", elapsed, status, body)];
        }

        if (Parse(body) is not { } trace)
        {
            return [Unknown(provider, url,
                $"The trace endpoint {UrlDisplay.Show(url)} answered, but not with ip= and loc= lines (a proxy or captive portal may have answered instead).",
                elapsed, status, body)];
        }

        return [Judge(provider, url, trace, elapsed)];
    }

    /// <summary>The ip, loc and colo lines of a trace body, or null when it is not in that form.</summary>
    public static TraceAnswer? Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values.TryAdd(line[..eq], line[(eq + 1)..]);
            }
        }

        if (!values.TryGetValue("ip", out var ipText) || !IPAddress.TryParse(ipText, out var ip)
            || !values.TryGetValue("loc", out var loc) || loc.Length != 2 || !loc.All(char.IsAsciiLetterUpper))
        {
            return null;
        }

        return new TraceAnswer(ip, loc, values.GetValueOrDefault("colo"));
    }

    /// <summary>a.b.c.0/24 for IPv4, the first 48 bits for IPv6: enough to recognise a network, not a machine.</summary>
    public static string Mask(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24");
        }

        for (var i = 6; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return new IPAddress(bytes) + "/48";
    }

    private static Finding Judge(ProviderId provider, Uri url, TraceAnswer trace, double elapsedMs)
    {
        var evidence = new JsonObject
        {
            ["egress_ip"] = Mask(trace.Ip),
            ["egress_country"] = trace.Country,
            ["trace_url"] = UrlDisplay.Show(url),
            ["egress_ms"] = elapsedMs,
        };
        if (trace.Colo is { } colo)
        {
            evidence["egress_colo"] = colo;
        }

        var name = provider.DisplayName();
        var where = $"{name} sees this machine coming from {Mask(trace.Ip)} in {trace.Country}";
        var data = ProviderNetworkData.SupportedCountriesOf(provider);
        if (data is null)
        {
            evidence["country_judged"] = false;
            return Finding.Pass(
                DiagnosticStage.Egress,
                $"Egress from {trace.Country}",
                $"{where}. No list of the countries {name} serves is on file, so the country is not judged; if {name} refuses the region, its own answer shows in the key check.",
                evidence);
        }

        evidence["countries_source"] = data.Source;
        evidence["countries_retrieved"] = data.Retrieved;
        evidence["countries_as_of"] = data.AsOf;
        var listing = data.Listing(trace.Country);
        evidence["country_listed"] = listing switch
        {
            CountryListing.Snapshot => "list",
            CountryListing.NewerAddition => "newer addition",
            _ => "not listed",
        };
        return listing switch
        {
            CountryListing.NotListed => Finding.Create(
                VerdictCodes.RegionUnsupported,
                DiagnosticStage.Egress,
                provider,
                $"{where}, which is not on {name}'s list of supported countries as of {data.AsOf} ({data.Source}): expect a 403 or "
                    + "FAILED_PRECONDITION whatever the key. If you are elsewhere, a VPN, proxy or cloud region routes you out through "
                    + $"{trace.Country}. Later revisions of the list were read only in part: if {name} answers the key check normally from here, it has added {trace.Country} since.",
                evidence) with { FromProviderAnswer = true },
            CountryListing.NewerAddition => Finding.Pass(
                DiagnosticStage.Egress,
                $"Egress from {trace.Country}",
                $"{where}, a country {name} added to its list after {data.AsOf} ({data.Source}).",
                evidence),
            _ => Finding.Pass(
                DiagnosticStage.Egress,
                $"Egress from {trace.Country}",
                $"{where}, a country on {name}'s list as of {data.AsOf}.",
                evidence),
        };
    }

    private static Finding Unknown(ProviderId provider, Uri url, string detail, double elapsedMs, int? status = null, string? body = null)
    {
        var evidence = new JsonObject { ["trace_url"] = UrlDisplay.Show(url), ["egress_ms"] = elapsedMs };
        if (status is { } s)
        {
            evidence["status"] = s;
        }

        if (!string.IsNullOrEmpty(body))
        {
            var excerpt = body.Length > 200 ? body[..200] : body;
            evidence["body_excerpt"] = MaskIpLines(excerpt);
        }

        return Finding.Create(VerdictCodes.InfoSkipped, DiagnosticStage.Egress, provider,
            detail + " The egress country is unknown; the other checks go on.", evidence, Severity.Info, title: "Egress unknown");
    }

    /// <summary>An unreadable trace may still carry this machine's address on an ip= line: mask it there too.</summary>
    private static string MaskIpLines(string text) => string.Join('\n', text.Split('\n').Select(line =>
    {
        var trimmed = line.TrimEnd('\r');
        if (!trimmed.StartsWith("ip=", StringComparison.Ordinal))
        {
            return line;
        }

        return IPAddress.TryParse(trimmed[3..], out var ip) ? "ip=" + Mask(ip) : "ip=…";
    }));

    private static Finding Skipped(ProviderId provider, string detail, string reason) =>
        Finding.Create(VerdictCodes.InfoSkipped, DiagnosticStage.Egress, provider, detail,
            new JsonObject { ["reason"] = reason }, Severity.Info, title: "Egress not checked");

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        return new string(buffer, 0, read);
    }

    private double ElapsedMs(long start) => Math.Round(timeProvider.GetElapsedTime(start).TotalMilliseconds, 2);
}

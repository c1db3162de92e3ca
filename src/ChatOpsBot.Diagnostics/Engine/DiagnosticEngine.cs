using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.StatusPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// Runs the stages of docs/engine.md for each requested provider, providers in parallel, under one deadline. At the
/// deadline each unfinished provider reports what it has, plus a <c>network.timeout</c> naming the phase it was in.
/// </summary>
public sealed partial class DiagnosticEngine(
    IEnumerable<IProviderDefinition> definitions,
    ProbeSender sender,
    NetworkProbe network,
    EgressProbe egress,
    ProxyRoute proxy,
    SecretScrubber scrubber,
    TimeProvider timeProvider,
    IOptions<EngineOptions> options,
    ILogger<DiagnosticEngine> logger,
    ProviderStatusCheck? statusCheck = null)
{
    private readonly Dictionary<ProviderId, IProviderDefinition> _definitions = definitions.ToDictionary(d => d.Id);

    /// <summary>The default deadline of a diagnosis.</summary>
    public TimeSpan DefaultTimeout => options.Value.Timeout;

    public IProviderDefinition Definition(ProviderId provider) => _definitions[provider];

    public async Task<DiagnosisReport> RunAsync(
        IReadOnlyList<DiagnosisRequest> requests,
        TimeSpan? timeout = null,
        IProgress<DiagnosisEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var started = timeProvider.GetTimestamp();
        var limit = timeout ?? options.Value.Timeout;
        var deadline = timeProvider.GetUtcNow() + limit;
        using var deadlineSource = new CancellationTokenSource(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineSource.Token);

        var runs = requests.Select(r => RunProviderAsync(r, deadline, progress, linked.Token, cancellationToken));
        var reports = await Task.WhenAll(runs).ConfigureAwait(false);
        return new DiagnosisReport(reports, timeProvider.GetElapsedTime(started));
    }

    private async Task<ProviderReport> RunProviderAsync(
        DiagnosisRequest request,
        DateTimeOffset deadline,
        IProgress<DiagnosisEvent>? progress,
        CancellationToken deadlineToken,
        CancellationToken callerToken)
    {
        await Task.Yield(); // providers run in parallel from here on
        var started = timeProvider.GetTimestamp();
        var provider = request.Provider;
        var findings = new FindingCollector(provider, scrubber, progress);
        var tracker = new PhaseTracker();
        using var connection = new ConnectionHandoff(); // the network stage's connection, for the probe
        var probeSucceeded = false;
        var complete = true;
        string? shown = null;
        string? fingerprint = null;
        // A key taken in by the caller (KeyAdmission) was inspected and registered there; any other is taken in here.
        using var admission = request.Inspection is null ? KeyAdmission.Admit(request, scrubber) : null;
        var inspection = admission?.Inspection ?? request.Inspection!;

        try
        {
            // 1. Key hygiene: offline, instant.
            tracker.Enter(DiagnosticStage.Key, "key check");
            findings.StageStarted(DiagnosticStage.Key);
            if (inspection.UsableKey is { } k)
            {
                shown = KeyMask.Show(k);
                fingerprint = KeyMask.Fingerprint(k);
            }
            else if (!string.IsNullOrWhiteSpace(request.Key))
            {
                shown = KeyMask.Show(request.Key.Trim());
            }

            findings.AddRange(inspection.Findings);

            // 2. Route: which host, which proxy.
            tracker.Enter(DiagnosticStage.Route, "route");
            findings.StageStarted(DiagnosticStage.Route);
            var definition = _definitions[provider];
            var home = definition.Descriptor.DefaultBaseUrl;
            if ((request.BaseUrl ?? home) is not { } baseUrl)
            {
                findings.Add(NoBaseUrl(definition.Descriptor));
                goto finished;
            }

            var custom = home is null || (request.BaseUrl is not null && !SameHost(request.BaseUrl, home));
            Uri target;
            using (var probeRequest = definition.CreateRequest(ProbeKind.Auth, baseUrl, inspection.UsableKey ?? "placeholder", request.Model))
            {
                target = probeRequest?.RequestUri ?? baseUrl;
            }

            var route = proxy.Describe(target, custom);
            findings.Add(RouteFinding(route, provider));

            // 3. Network: DNS, connect, TLS to the first hop.
            tracker.Enter(DiagnosticStage.Network, "dns");
            findings.StageStarted(DiagnosticStage.Network);
            var net = await network.RunAsync(route, provider, tracker, connection, deadlineToken).ConfigureAwait(false);
            findings.AddRange(net.Findings);

            // 4. Egress: where the provider sees us, against its supported countries.
            tracker.Enter(DiagnosticStage.Egress, "egress");
            findings.StageStarted(DiagnosticStage.Egress);
            findings.AddRange(net.Reachable
                ? await egress.RunAsync(provider, custom, deadlineToken).ConfigureAwait(false)
                : [Skipped(DiagnosticStage.Egress, "Egress was not checked: the network stage could not reach the API.")]);

            if (inspection.UsableKey is null)
            {
                findings.Add(Skipped(DiagnosticStage.Auth, "The key was not sent to the provider: fix the key first."));
            }
            else if (!net.Reachable)
            {
                findings.Add(Skipped(DiagnosticStage.Auth, "The key was not checked: the network stage could not reach the API."));
            }
            else
            {
                // 5. Auth probe: one cheap, token-free request.
                probeSucceeded = await ProbeAsync(definition, ProbeKind.Auth, DiagnosticStage.Auth, baseUrl, inspection.UsableKey, request, custom, deadline, findings, tracker, connection, deadlineToken).ConfigureAwait(false);

                // 5b. The provider's free account check (credits left, key blocked), if it has one: an error there
                // makes the verdict; an info finding carries the account's facts. Reported under the auth stage.
                if (probeSucceeded)
                {
                    await ProbeAsync(definition, ProbeKind.Account, DiagnosticStage.Auth, baseUrl, inspection.UsableKey, request, custom, deadline, findings, tracker, connection, deadlineToken).ConfigureAwait(false);
                }

                // 6. Model access and the deep check, only once the key works.
                if (request.Model is not null)
                {
                    await ProbeOrSkipAsync(ProbeKind.Model, DiagnosticStage.Model, "model access").ConfigureAwait(false);
                }

                if (request.Deep)
                {
                    await ProbeOrSkipAsync(ProbeKind.Deep, DiagnosticStage.Deep, "deep check").ConfigureAwait(false);
                }

                async Task ProbeOrSkipAsync(ProbeKind kind, DiagnosticStage stage, string what)
                {
                    if (!probeSucceeded)
                    {
                        findings.Add(Skipped(stage, $"The {what} did not run: the key check did not pass."));
                        return;
                    }

                    await ProbeAsync(definition, kind, stage, baseUrl, inspection.UsableKey, request, custom, deadline, findings, tracker, connection, deadlineToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            complete = false;
            var evidence = new JsonObject
            {
                ["phase"] = tracker.Phase,
                ["stage"] = tracker.Stage.ToWire(),
                ["elapsed_ms"] = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
            };
            findings.Add(Finding.Create(VerdictCodes.NetworkTimeout, tracker.Stage, provider,
                $"The deadline passed during the {tracker.Phase} phase; the results above are what was finished.", evidence));
        }

    finished:
        var all = findings.Snapshot();
        var verdict = VerdictRanker.Rank(all, probeSucceeded);

        // 7. Me or them: on a verdict on the provider's side, what its status page says (waits at most 1.5 s; never
        // an error, so the verdict stays the provider's own answer).
        if (statusCheck is not null && await statusCheck.FindingAsync(provider, verdict.Code, verdict.Stage, callerToken).ConfigureAwait(false) is { } status)
        {
            findings.Add(status);
            all = findings.Snapshot();
            verdict = VerdictRanker.Rank(all, probeSucceeded);
        }
        var report = new ProviderReport(provider, verdict, shown, fingerprint, timeProvider.GetElapsedTime(started), all, complete);
        Log.ProviderFinished(logger, provider.Wire(), verdict.Code, (long)report.Elapsed.TotalMilliseconds);
        DiagnosticsMetrics.Diagnosed(provider, verdict.Code);
        progress?.Report(new ProviderFinished(provider, report));
        return report;
    }

    private async Task<bool> ProbeAsync(
        IProviderDefinition definition,
        ProbeKind kind,
        DiagnosticStage stage,
        Uri baseUrl,
        string key,
        DiagnosisRequest request,
        bool custom,
        DateTimeOffset deadline,
        FindingCollector findings,
        PhaseTracker tracker,
        ConnectionHandoff connection,
        CancellationToken cancellationToken)
    {
        using var message = definition.CreateRequest(kind, baseUrl, key, request.Model);
        if (message is null)
        {
            return false;
        }

        if (kind == ProbeKind.Account)
        {
            tracker.Enter(stage, "account check"); // within the auth stage, which has started
        }
        else
        {
            tracker.Enter(stage, $"{stage.ToWire()} probe");
            findings.StageStarted(stage);
        }

        var outcome = await sender.SendAsync(message, definition.Id, stage, deadline, connection, cancellationToken).ConfigureAwait(false);
        if (outcome.Response is not { } response)
        {
            findings.Add(outcome.Failure!);
            return false;
        }

        var classified = definition.Read(response, new ProbeContext(definition.Id, kind, request.Model, custom));
        var timing = outcome.Attempts.Count > 0 ? (long)outcome.Attempts[^1].Elapsed.TotalMilliseconds : (long)response.Elapsed.TotalMilliseconds;
        foreach (var finding in classified)
        {
            finding.Evidence.TryAdd("elapsed_ms", (long)response.Elapsed.TotalMilliseconds);
            finding.Evidence.TryAdd("first_byte_ms", timing);
            if (outcome.Attempts.Count > 1)
            {
                finding.Evidence.TryAdd("attempts", outcome.Attempts.Count);
            }

            if (kind == ProbeKind.Deep)
            {
                finding.Evidence.TryAdd("deep_check", definition.DeepCheckDescription); // what was sent, and what it cost
            }

            // An account check's facts join the auth stage; the verdict of a working key stays the auth probe's.
            findings.Add(KeyEchoCheck.Compare(kind == ProbeKind.Account && finding.Code == VerdictCodes.Ok ? finding with { FromProviderAnswer = false } : finding, key));
        }

        if (outcome.Attempts.Count > 1 && outcome.Attempts[0].Status is null or >= 500)
        {
            findings.Add(FlakyRoute(definition.Id, stage, outcome.Attempts));
        }

        if (kind == ProbeKind.Deep && classified.Any(f => f.Code == VerdictCodes.Ok))
        {
            findings.Add(Finding.Pass(stage, "Deep check", definition.DeepCheckDescription));
        }

        var decisive = classified.FirstOrDefault(f => f.IsError);
        return decisive is null && classified.Any(f => f.Code == VerdictCodes.Ok);
    }

    private static Finding FlakyRoute(ProviderId provider, DiagnosticStage stage, IReadOnlyList<ProbeAttempt> attempts)
    {
        var first = attempts[0];
        var last = attempts[^1];
        var firstText = first.Status is { } s ? $"answered {s}" : first.Failure ?? "failed";
        var lastText = last.Status is { } t ? $"answered {t} in {(long)last.Elapsed.TotalMilliseconds} ms" : last.Failure ?? "failed";
        var evidence = new JsonObject
        {
            ["attempts"] = new JsonArray([.. attempts.Select(a => (JsonNode)new JsonObject
            {
                ["attempt"] = a.Number,
                ["status"] = a.Status,
                ["failure"] = a.Failure,
                ["elapsed_ms"] = (long)a.Elapsed.TotalMilliseconds,
            })]),
        };
        return Finding.Create(VerdictCodes.NetworkFlaky, stage, provider,
            $"First attempt {firstText}; the retry {lastText}.", evidence, Severity.Warn);
    }

    internal static Finding RouteFinding(RouteInfo route, ProviderId provider)
    {
        var evidence = new JsonObject { ["host"] = route.Target.Host, ["scheme"] = route.Target.Scheme };
        var parts = new List<string>();
        parts.Add(route.CustomBaseUrl ? $"Custom base URL {UrlDisplay.Authority(route.Target)}" : $"{provider.DisplayName()}'s own host {route.Target.Host}");
        if (route.Proxy is { } p)
        {
            evidence["proxy"] = UrlDisplay.Show(p);
            evidence["proxy_source"] = route.ProxySource;
            parts.Add($"through proxy {UrlDisplay.Authority(p)} (from {route.ProxySource})");
            if (route.ProxySchemeAssumed)
            {
                evidence["proxy_scheme_assumed"] = true;
                parts.Add($"— {route.ProxySource} has no scheme: http:// was assumed, as curl does (write http://host:port to be explicit)");
            }
        }
        else
        {
            parts.Add("direct, no proxy");
        }

        if (route.NoProxyMatched is { } np && np != ProxyRoute.LoopbackBypass)
        {
            evidence["no_proxy_match"] = np;
            parts.Add($"(the proxy is bypassed: NO_PROXY entry \"{np}\")");
        }

        if (route.Target.Scheme == Uri.UriSchemeHttp && !route.Target.IsLoopback)
        {
            parts.Add("— warning: plain http, the key travels unencrypted");
        }

        return new Finding(VerdictCodes.InfoRoute, Severity.Info, DiagnosticStage.Route, string.Join(", ", parts), "", [], evidence);
    }

    private static Finding Skipped(DiagnosticStage stage, string detail) =>
        new(VerdictCodes.InfoSkipped, Severity.Info, stage, "skipped", detail, [], []);

    /// <summary>A provider with no public API root (a resource endpoint, a gateway) and no base URL given.</summary>
    private static Finding NoBaseUrl(ProviderDescriptor descriptor) => new(
        VerdictCodes.RequestInvalid,
        Severity.Error,
        DiagnosticStage.Route,
        $"{descriptor.DisplayName} needs a base URL",
        $"{descriptor.DisplayName} has no public API root and none was given: set {descriptor.BaseUrlVariable} (or --base-url) to {descriptor.BaseUrlDescription}. Nothing was sent.",
        [
            $"Set {descriptor.BaseUrlVariable} to {descriptor.BaseUrlDescription}, or pass --base-url URL on the command line.",
            $"For the bot: set Providers:{descriptor.SettingsName}:BaseUrl, or the team key's BaseUrl.",
        ],
        new JsonObject { ["base_url_variable"] = descriptor.BaseUrlVariable });

    private static bool SameHost(Uri a, Uri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && a.Scheme == b.Scheme;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Diagnosis of {Provider} ended with {Verdict} after {ElapsedMs} ms.")]
        public static partial void ProviderFinished(ILogger logger, string provider, string verdict, long elapsedMs);
    }
}

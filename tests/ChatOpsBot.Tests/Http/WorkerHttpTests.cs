using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Http;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// The whole worker with <c>Http:Urls</c> on a loopback port: liveness, readiness and a <c>/metrics</c> scrape parsed
/// as Prometheus' text format (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format).
/// </summary>
public sealed partial class WorkerHttpTests
{
    [Fact]
    public async Task Worker_WithHttpUrls_ServesHealthReadinessAndMetrics()
    {
        var key = TestKeys.Gemini();
        await using var gemini = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGemini(key);
        var data = Directory.CreateTempSubdirectory("chatopsbot-http-");
        try
        {
            var env = new Dictionary<string, string>
            {
                ["Http__Urls"] = "http://127.0.0.1:0",
                ["Storage__DataDirectory"] = data.FullName,
            };
            var seen = new Scrapes();
            using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

            var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, seen, key, gemini.BaseUrl)), cancellationToken: safety.Token);

            Assert.False(safety.IsCancellationRequested, "the probe did not finish");
            Assert.Equal(0, result.ExitCode);
            Assert.Null(seen.Failure);
            Assert.Equal((200, "ok\n"), seen.Healthz);
            Assert.Equal(200, seen.Readyz.Status);
            Assert.Equal("ready\nstore: not used (no Monitor:Targets)\ndiscord: off\ntelegram: off\n", seen.Readyz.Body);
            Assert.StartsWith("text/plain; version=0.0.4", seen.MetricsContentType, StringComparison.Ordinal);

            var samples = ParsePrometheus(seen.Metrics!);
            Assert.True(samples.TryGetValue("chatopsbot_diagnoses_total{provider=\"gemini\",verdict=\"ok\"}", out var diagnoses) && diagnoses >= 1, seen.Metrics);
            var count = samples["chatopsbot_probe_duration_seconds_count{outcome=\"answered\",provider=\"gemini\"}"];
            Assert.True(count >= 1);
            Assert.Equal(count, samples["chatopsbot_probe_duration_seconds_bucket{outcome=\"answered\",provider=\"gemini\",le=\"+Inf\"}"]);
            LeakAssert.NoSecret(seen.Metrics, key);
            LeakAssert.NoSecret(result.All, key);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Worker_WithoutHttpUrls_ListensNowhere()
    {
        var seen = new Scrapes();

        var result = await CliHarness.RunAsync([], configure: s => s.AddHostedService(sp => new Stopper(sp, seen)));

        Assert.Equal(0, result.ExitCode);
        Assert.Null(seen.Address);
    }

    /// <summary>
    /// Every line is a comment (<c># HELP</c>/<c># TYPE</c>) or <c>name{labels} value</c>; each family has one TYPE;
    /// label values are fixed words (no digits runs that could be ids, no key shapes). Returns sample → value.
    /// </summary>
    private static Dictionary<string, double> ParsePrometheus(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram" });
                Assert.True(types.Add(parts[2]), $"two TYPE lines for {parts[2]}");
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            foreach (Match label in LabelValue().Matches(match.Groups["labels"].Value))
            {
                Assert.DoesNotMatch(@"\d{6,}", label.Groups["value"].Value); // no ids
            }

            Assert.True(samples.TryAdd(match.Groups["name"].Value + match.Groups["labels"].Value,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)), $"duplicate sample: {line}");
        }

        return samples;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN))$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*=\"(?<value>([^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelValue();

    private sealed class Scrapes
    {
        public Uri? Address { get; set; }

        public (int Status, string Body) Healthz { get; set; }

        public (int Status, string Body) Readyz { get; set; }

        public string? Metrics { get; set; }

        public string? MetricsContentType { get; set; }

        public string? Failure { get; set; }
    }

    /// <summary>Runs once everything else has started: one diagnosis, then the three scrapes, then stops the worker.</summary>
    private sealed class Probe(IServiceProvider services, Scrapes seen, string key, Uri gemini) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var engine = services.GetRequiredService<DiagnosticEngine>();
                await engine.RunAsync([new DiagnosisRequest { Provider = ProviderId.Gemini, Key = key, KeySource = KeySource.Environment, BaseUrl = gemini }], cancellationToken: stoppingToken);
                var address = services.GetRequiredService<WorkerHttpServer>().Address!;
                using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
                seen.Healthz = await GetAsync(http, "/healthz", stoppingToken);
                seen.Readyz = await GetAsync(http, "/readyz", stoppingToken);
                using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative), stoppingToken);
                seen.MetricsContentType = metrics.Content.Headers.ContentType?.ToString();
                seen.Metrics = await metrics.Content.ReadAsStringAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or NullReferenceException or TaskCanceledException)
            {
                seen.Failure = ex.ToString();
            }
            finally
            {
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        }

        private static async Task<(int, string)> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private sealed class Stopper(IServiceProvider services, Scrapes seen) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            seen.Address = services.GetRequiredService<WorkerHttpServer>().Address;
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

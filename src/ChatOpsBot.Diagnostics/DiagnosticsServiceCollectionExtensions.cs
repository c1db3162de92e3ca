using System.Net;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Revocation;
using ChatOpsBot.Diagnostics.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatOpsBot.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>Registers the diagnostic engine, its providers, the probe HTTP client and the secret scrubber.</summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(EnvironmentVariables.System);
        services.TryAddSingleton<SecretScrubber>(); // one scrubber for replies, JSON and logs

        services.AddOptionsWithValidateOnStart<EngineOptions, EngineOptionsValidator>().BindConfiguration(EngineOptions.SectionName);
        services.AddOptions<ProviderBaseUrls>().BindConfiguration(ProviderBaseUrls.SectionName);
        services.AddOptionsWithValidateOnStart<NetworkOptions>()
            .BindConfiguration(NetworkOptions.SectionName)
            .Validate(
                o => o.DnsServer is null || UdpDnsResolver.TryParseServer(o.DnsServer, out _),
                "Network:DnsServer must be an IP address with an optional port, such as 1.1.1.1 or 127.0.0.1:5353.")
            .Validate(
                o => o.DnsTimeout > TimeSpan.Zero && o.Ipv6Timeout > TimeSpan.Zero && o.EgressTimeout > TimeSpan.Zero,
                "Network:DnsTimeout, Network:Ipv6Timeout and Network:EgressTimeout must be positive.");

        services.TryAddSingleton(sp => new ProxyRoute(
            sp.GetRequiredService<IOptions<NetworkOptions>>().Value,
            sp.GetRequiredService<EnvironmentVariables>().Get));
        services.TryAddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var network = sp.GetRequiredService<IOptions<NetworkOptions>>().Value;
            return new NetworkProbe(time, resolver: null, new NetworkProbeOptions
            {
                DirectResolver = UdpDnsResolver.TryParseServer(network.DnsServer, out var server) ? new UdpDnsResolver(server, time) : null,
                DnsTimeout = network.DnsTimeout,
                CompareIpv6 = true,
                Ipv6Timeout = network.Ipv6Timeout,
                ProxyChecks = new ProxyCheckOptions
                {
                    TryDirect = network.TryDirect,
                    Timeout = sp.GetRequiredService<IOptions<EngineOptions>>().Value.AttemptTimeout,
                    Credentials = proxy => sp.GetRequiredService<ProxyRoute>().Credentials?.GetCredential(proxy, "Basic"),
                },
            });
        });
        services.TryAddSingleton(sp => new ProbeSender(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ProxyRoute>()));
        services.TryAddSingleton<EgressProbe>();
        services.AddKeyRevocation(); // off until Revocation:Enabled and a provider's admin key are set
        services.TryAddSingleton<DiagnosticEngine>();
        AddStatusPages(services);

        foreach (var definition in ProviderRegistry.Definitions)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(definition));
        }

        services.AddHttpClient(EgressProbe.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the engine's attempt timeout governs
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ChatOpsBot/1.0 (diagnostics)");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                Proxy = sp.GetRequiredService<ProxyRoute>(), // leave the way the probes leave
                UseProxy = true,
                AllowAutoRedirect = false,
                UseCookies = false,
            })
            .RemoveAllLoggers();

        services.AddTransient<AttemptRecordingHandler>();
        var probeClient = services.AddHttpClient(ProbeSender.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the engine's deadline and the attempt timeout govern
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ChatOpsBot/1.0 (diagnostics)");
                client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br"); // ProbeSender decodes, bounded
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                Proxy = sp.GetRequiredService<ProxyRoute>(),
                UseProxy = true,
                AllowAutoRedirect = false, // a redirect to a login page is a finding, not something to follow
                AutomaticDecompression = DecompressionMethods.None, // ProbeSender decodes: an undecodable body is a finding
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = ProbeConnector.ConnectAsync, // the network stage's connection, when it handed one over
            });
        probeClient.AddResilienceHandler("probe", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<EngineOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = 1,
                        BackoffType = DelayBackoffType.Constant,
                        Delay = options.RetryDelay,
                        UseJitter = true,
                        ShouldRetryAfterHeader = false, // handled below, bounded by the deadline
                        ShouldHandle = args => ValueTask.FromResult(ProbeRetryPolicy.ShouldRetry(args.Outcome, args.Context, time)),
                        DelayGenerator = args => ValueTask.FromResult(ProbeRetryPolicy.RetryAfter(args.Outcome)),
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
            });
        probeClient.AddHttpMessageHandler<AttemptRecordingHandler>().RemoveAllLoggers();

        return services;
    }

    /// <summary>
    /// The status page reader ("me or them"): <c>StatusPages</c> options and a client that leaves the way the probes
    /// leave (same proxy), follows a redirect or two (status.anthropic.com moved to status.claude.com) and is
    /// created only when a diagnosis first asks: nothing is fetched while no verdict is on a provider's side.
    /// </summary>
    private static void AddStatusPages(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StatusPageOptions>()
            .BindConfiguration(StatusPageOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.ReadUrls(configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatusPageOptions>, StatusPageOptionsValidator>());
        services.TryAddSingleton<StatusPageReader>();
        services.TryAddSingleton<ProviderStatusCheck>();
        services.AddHttpClient(StatusPageReader.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the reader's own timeout (on the injected clock) governs
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ChatOpsBot/1.0 (status)");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                Proxy = sp.GetRequiredService<ProxyRoute>(),
                UseProxy = true,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 3,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
            })
            .RemoveAllLoggers();
    }
}

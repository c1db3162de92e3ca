using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

/// <summary>The real engine from the real registration, with time, environment and options replaced.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public EngineHarness(
        TimeProvider? time = null,
        Action<EngineOptions>? options = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<ChatOpsBot.Diagnostics.Network.NetworkOptions>? network = null,
        Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(new EnvironmentVariables(n => environment is not null && environment.TryGetValue(n, out var v) ? v : null));
        services.AddDiagnostics();
        services.AddStatusPagesGuard();
        if (options is not null)
        {
            services.Configure(options);
        }

        if (network is not null)
        {
            services.Configure(network);
        }

        replace?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public DiagnosticEngine Engine => _services.GetRequiredService<DiagnosticEngine>();

    public Task<DiagnosisReport> RunAsync(DiagnosisRequest request, TimeSpan? timeout = null, IProgress<DiagnosisEvent>? progress = null) =>
        Engine.RunAsync([request], timeout, progress, TestContext.Current.CancellationToken);

    public static DiagnosisRequest Request(ProviderId provider, string key, Uri baseUrl, string? model = null, bool deep = false) => new()
    {
        Provider = provider,
        Key = key,
        KeySource = KeySource.Environment,
        KeyOrigin = "TEST_KEY",
        BaseUrl = baseUrl,
        Model = model,
        Deep = deep,
    };

    public void Dispose() => _services.Dispose();
}

/// <summary>An <see cref="IProgress{T}"/> that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<DiagnosisEvent>
{
    private readonly List<DiagnosisEvent> _events = [];

    public IReadOnlyList<DiagnosisEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Report(DiagnosisEvent value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}

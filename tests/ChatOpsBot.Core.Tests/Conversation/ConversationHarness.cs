using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>The real engine and conversation layer from their real registrations; config, environment and time replaced.</summary>
internal sealed class ConversationHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ConversationHarness(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string>? environment = null, FakeTimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = true);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new EnvironmentVariables(n => environment is not null && environment.TryGetValue(n, out var v) ? v : null));
        services.AddDiagnostics();
        services.AddStatusPagesGuard();
        services.AddConversation();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public ConversationService Service => _services.GetRequiredService<ConversationService>();

    /// <summary>Every log record written so far, Debug included.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => _services.GetFakeLogCollector().GetSnapshot();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs every options validator, as the host does on start.</summary>
    public void ValidateOnStart()
    {
        foreach (var validator in _services.GetRequiredService<IEnumerable<IStartupValidator>>())
        {
            validator.Validate();
        }
    }

    public static IncomingMessage Dm(string text, string user = "u1", ChatPlatform platform = ChatPlatform.Discord) =>
        new() { User = new ChatUser(platform, user, []), IsPrivate = true, Text = text };

    public static IncomingMessage InChannel(string text, string user = "u1", params string[] roles) =>
        new() { User = new ChatUser(ChatPlatform.Discord, user, roles), IsPrivate = false, Text = text, MessageId = "m1" };

    public async Task<RecordingReplySink> SendAsync(IncomingMessage message, bool mayDelete = true)
    {
        var sink = new RecordingReplySink(mayDelete);
        await Service.HandleAsync(message, sink, TestContext.Current.CancellationToken);
        return sink;
    }

    public void Dispose() => _services.Dispose();
}

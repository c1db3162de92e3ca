using ChatOpsBot.Core;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary>
/// The whole bot as the worker wires it (engine, conversation, Telegram transport and adapter, the real hosted service
/// and poller) against a <see cref="FakeTelegramServer"/> and fake providers on loopback, on the real clock (Telegram's
/// 1 s per-chat spacing is part of what is tested; tests wait for calls, never sleep).
/// </summary>
internal sealed class AdapterHarness : IAsyncDisposable
{
    public const long TeamUserId = 42;

    private AdapterHarness(FakeTelegramServer server, FakeProviderServer anthropic, FakeProviderServer openai, IHost host, string teamKey, string validAnthropicKey)
    {
        Server = server;
        Anthropic = anthropic;
        OpenAI = openai;
        Host = host;
        TeamKey = teamKey;
        ValidAnthropicKey = validAnthropicKey;
    }

    public FakeTelegramServer Server { get; }

    public FakeProviderServer Anthropic { get; }

    public FakeProviderServer OpenAI { get; }

    public IHost Host { get; }

    /// <summary>The team's Anthropic key "prod" (valid at the fake provider).</summary>
    public string TeamKey { get; }

    /// <summary>Another Anthropic key the fake provider accepts (a user's own).</summary>
    public string ValidAnthropicKey { get; }

    /// <summary>Extra secrets a test used (keys it sent), checked by <see cref="AssertNothingLeaked"/>.</summary>
    public List<string> Secrets { get; } = [];

    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    public static async Task<AdapterHarness> StartAsync(
        Action<FakeTelegramServer, FakeProviderServer, FakeProviderServer>? arrange = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var teamKey = TestKeys.Anthropic();
        var validKey = TestKeys.Anthropic();
        var server = await FakeTelegramServer.StartAsync(cancellationToken: ct);
        var anthropic = (await FakeProviderServer.StartAsync(ct)).AsAnthropic(teamKey, validKey);
        var openai = (await FakeProviderServer.StartAsync(ct)).AsOpenAI();
        arrange?.Invoke(server, anthropic, openai);

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:PollTimeout"] = "00:00:05",
            ["Telegram:InitialBackoff"] = "00:00:00.050",
            ["Telegram:MaxBackoff"] = "00:00:00.200",
            ["Providers:Anthropic:BaseUrl"] = anthropic.BaseUrl.ToString(),
            ["Providers:OpenAI:BaseUrl"] = openai.BaseUrl.ToString(),
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "claude",
            ["TeamKeys:0:KeyEnv"] = "PROD_ANTHROPIC_KEY",
            ["Access:Telegram:UserIds:0"] = TeamUserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(new EnvironmentVariables(n => n == "PROD_ANTHROPIC_KEY" ? teamKey : null));
        builder.Services.AddDiagnostics();
        builder.Services.AddStatusPagesGuard();
        builder.Services.AddConversation();
        if (settings?.ContainsKey("Storage:DataDirectory") != true)
        {
            builder.Services.AddSingleton<ChatOpsBot.Telegram.Polling.IUpdateOffsetStore, ChatOpsBot.Telegram.Polling.InMemoryUpdateOffsetStore>(); // not ./data: tests run side by side
        }

        builder.Services.AddTelegramAdapter();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(ct);
        return new AdapterHarness(server, anthropic, openai, host, teamKey, validKey);
    }

    /// <summary>Completes when a call of <paramref name="method"/> matching <paramref name="match"/> was answered with <paramref name="status"/>.</summary>
    public Task<TelegramCall> AnsweredAsync(string method, Func<TelegramCall, bool> match, int status = 200) =>
        Server.WaitForCallAsync(method, c => c.Status == status && match(c), TimeSpan.FromSeconds(30));

    /// <summary>A sendMessage or editMessageText to <paramref name="chatId"/>, answered 200, whose text contains <paramref name="text"/>.</summary>
    public Task<TelegramCall> TextAsync(string method, long chatId, string text) =>
        AnsweredAsync(method, c => c.Number("chat_id") == chatId && (c.Text("text")?.Contains(text, StringComparison.Ordinal) ?? false));

    /// <summary>The final answer: the edit of the checklist that carries the buttons (a progress edit has none).</summary>
    public Task<TelegramCall> FinalAsync(long chatId, string text) =>
        AnsweredAsync("editMessageText", c => c.Number("chat_id") == chatId && c.Parameters["reply_markup"] is not null
            && (c.Text("text")?.Contains(text, StringComparison.Ordinal) ?? false));

    public IReadOnlyList<TelegramCall> Sent(string method, long chatId) =>
        [.. Server.CallsOf(method).Where(c => c.Number("chat_id") == chatId && c.Status != 0)];

    /// <summary>Every request the bot made (and every log line) is free of every key and of the bot token.</summary>
    public void AssertNothingLeaked()
    {
        // The token's secret part (any 8 characters of it; so the whole token too). The bot id before ':' is public:
        // getMe returns it and getChatMember takes it.
        string[] secrets = [TeamKey, ValidAnthropicKey, Server.Token[(Server.Token.IndexOf(':', StringComparison.Ordinal) + 1)..], .. Secrets];
        foreach (var call in Server.Calls)
        {
            LeakAssert.NoSecret(call.Body, secrets);
            LeakAssert.NoSecret(call.Parameters.ToJsonString(), secrets);
        }

        foreach (var record in Logs.GetSnapshot())
        {
            LeakAssert.NoSecret(record.Message, secrets);
            LeakAssert.NoSecret(record.Exception?.ToString(), secrets);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await Host.StopAsync(stop.Token);
        }

        Host.Dispose();
        await Server.DisposeAsync();
        await Anthropic.DisposeAsync();
        await OpenAI.DisposeAsync();
    }
}

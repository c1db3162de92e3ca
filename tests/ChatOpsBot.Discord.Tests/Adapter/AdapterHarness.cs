using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatOpsBot.Core;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// The real host pieces — engine, conversation layer, Discord client and adapter, as their registrations wire them —
/// against a <see cref="FakeDiscordServer"/> and a fake Gemini on loopback. The bot's clock is a
/// <see cref="FakeTimeProvider"/>; every wait the client starts is reported so a test advances time exactly then.
/// </summary>
internal sealed class AdapterHarness : IAsyncDisposable
{
    public const ulong Guild = 777_000_000_000_000_001;
    public const string TeamRole = "111";
    public const string TeamKeyName = "prod";

    private readonly Channel<(string Reason, TimeSpan Wait)> _waits = Channel.CreateUnbounded<(string, TimeSpan)>();

    private AdapterHarness(FakeDiscordServer fake, FakeProviderServer gemini, IHost host, FakeTimeProvider time, FakeLoggerProvider logs, string teamKey, string userKey)
    {
        Fake = fake;
        Gemini = gemini;
        Host = host;
        Time = time;
        Logs = logs;
        TeamKey = teamKey;
        UserKey = userKey;
        var gateway = host.Services.GetRequiredService<DiscordGatewayClient>();
        gateway.Jitter = () => 0.5;
        gateway.Waiting = (reason, wait) => _waits.Writer.TryWrite((reason, wait));
        host.Services.GetRequiredService<DiscordRestClient>().RateLimiter.Waiting = (reason, wait) => _waits.Writer.TryWrite((reason, wait));
        GatewayService = host.Services.GetServices<IHostedService>().OfType<DiscordGatewayService>().Single();
        GatewayService.SetExitCode = code => ExitCode = code;
    }

    public FakeDiscordServer Fake { get; }

    public FakeProviderServer Gemini { get; }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public FakeLoggerProvider Logs { get; }

    /// <summary>The team's Gemini key (valid at the fake).</summary>
    public string TeamKey { get; }

    /// <summary>A user's Gemini key (invalid at the fake).</summary>
    public string UserKey { get; }

    public DiscordGatewayService GatewayService { get; }

    public int? ExitCode { get; private set; }

    public static async Task<AdapterHarness> StartAsync(Action<FakeDiscordOptions>? fake = null, Action<Dictionary<string, string?>, FakeDiscordServer>? settings = null, bool waitForCommands = true, Action<IServiceCollection>? services = null)
    {
        var teamKey = TestKeys.Gemini();
        var userKey = TestKeys.Gemini();
        var fakeOptions = new FakeDiscordOptions { Time = new FakeTimeProvider(DiscordHarness.Start) };
        fake?.Invoke(fakeOptions);
        var server = await FakeDiscordServer.StartAsync(fakeOptions, TestContext.Current.CancellationToken);
        var gemini = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGemini(teamKey);

        var config = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
            ["Providers:Gemini:BaseUrl"] = gemini.BaseUrl.ToString(),
            ["TeamKeys:0:Name"] = TeamKeyName,
            ["TeamKeys:0:Provider"] = "gemini",
            ["TeamKeys:0:KeyEnv"] = "TEAM_GEMINI_KEY",
            ["Access:Discord:RoleIds:0"] = TeamRole,
        };
        settings?.Invoke(config, server);

        var time = new FakeTimeProvider(DiscordHarness.Start);
        var logs = new FakeLoggerProvider();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(new EnvironmentVariables(n => n == "TEAM_GEMINI_KEY" ? teamKey : null));
        builder.Services.AddDiagnostics();
        builder.Services.AddStatusPagesGuard();
        builder.Services.AddConversation();
        builder.Services.AddDiscordAdapter(); // the same registration the worker host uses
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var harness = new AdapterHarness(server, gemini, host, time, logs, teamKey, userKey);
        await host.StartAsync(TestContext.Current.CancellationToken);
        if (waitForCommands)
        {
            await server.WaitUntilAsync(() => !server.Commands.IsEmpty, "the commands' bulk overwrite", TimeSpan.FromSeconds(20));
        }

        return harness;
    }

    /// <summary>A slash command (a guild one from a member with the team role; a DM one when <paramref name="guildId"/> is null).</summary>
    public JsonObject Slash(string name, ulong? guildId, params (string Name, JsonNode Value)[] options) => WithRoles(
        Fake.SlashCommand(name, new JsonArray([.. options.Select(o => (JsonNode)new JsonObject
        {
            ["type"] = o.Value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False ? 5 : 3,
            ["name"] = o.Name,
            ["value"] = o.Value,
        })]), guildId: guildId),
        TeamRole);

    public static JsonObject WithRoles(JsonObject interaction, params string[] roles)
    {
        if (interaction["member"] is JsonObject member)
        {
            member["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
        }

        return interaction;
    }

    /// <summary>Waits until the interaction's @original holds an embed with <c>code: …</c> in its footer; returns that embed.</summary>
    public async Task<JsonObject> FinalEmbedAsync(FakeInteraction interaction)
    {
        JsonObject? found = null;
        await Fake.WaitUntilAsync(() => (found = FooterEmbed(interaction.Original)) is not null, "a final embed", TimeSpan.FromSeconds(30));
        return found!;
    }

    public static JsonObject? FooterEmbed(JsonObject? message)
    {
        if (message?["embeds"] is not JsonArray embeds)
        {
            return null;
        }

        return embeds.OfType<JsonObject>().FirstOrDefault(e => ((string?)e["footer"]?["text"])?.StartsWith("code: ", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// Until disposed, advances the fake clock by each wait the client reports for <paramref name="reason"/> (others
    /// are passed over), as soon as it is reported: for waits a test does not pace itself. Do not mix with
    /// <see cref="NextWaitAsync"/>.
    /// </summary>
    public IAsyncDisposable AdvanceWaits(string reason)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pump = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var (r, wait) = await _waits.Reader.ReadAsync(stop.Token);
                    if (r == reason)
                    {
                        Time.Advance(wait);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
        });
        return new WaitPump(stop, pump);
    }

    private sealed class WaitPump(CancellationTokenSource stop, Task pump) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await pump;
            stop.Dispose();
        }
    }

    /// <summary>Waits until the client starts a wait for <paramref name="reason"/> (any, when null); returns its length.</summary>
    public async Task<TimeSpan> NextWaitAsync(string? reason)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var (r, wait) = await _waits.Reader.ReadAsync(timeout.Token);
            if (reason is null || r == reason)
            {
                return wait;
            }
        }
    }

    /// <summary>Every body the bot sent to Discord, and every log line, holds neither key nor the bot token.</summary>
    public void AssertNothingLeaked(params string[] more)
    {
        string[] secrets = [TeamKey, UserKey, FakeDiscordOptions.DefaultToken, .. more];
        foreach (var call in Fake.Calls)
        {
            LeakAssert.NoSecret(call.Body, secrets);
        }

        foreach (var frame in Fake.Frames.Where(f => f.Op is not 2 and not 6))
        {
            LeakAssert.NoSecret(frame.Text, secrets);
        }

        LeakAssert.NoSecret(string.Join("\n", Logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception)), secrets);
    }

    /// <summary>Every message body the bot sent: allowed_mentions parse [] and within limits.</summary>
    public void AssertEveryMessageSafe()
    {
        foreach (var call in Fake.Calls.Where(c => c.Method is "POST" or "PATCH" && (c.Path.Contains("/messages", StringComparison.Ordinal) || c.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal) || c.Path.EndsWith("/callback", StringComparison.Ordinal))))
        {
            var body = call.Json!.AsObject();
            var data = call.Path.EndsWith("/callback", StringComparison.Ordinal) ? body["data"] as JsonObject : body;
            if (data is null || (call.Path.EndsWith("/callback", StringComparison.Ordinal) && (int?)body["type"] is not 4 and not 7))
            {
                continue;
            }

            Assert.Equal("""{"parse":[]}""", data["allowed_mentions"]?.ToJsonString());
            Assert.True(((string?)data["content"])?.Length is null or <= DiscordLimits.MessageContent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // a safety net, not a pace
        try
        {
            await Host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException ex) when (stop.IsCancellationRequested)
        {
            throw new TimeoutException("The adapter host did not stop within 10 s.", ex);
        }
        finally
        {
            Host.Dispose();
            await Gemini.DisposeAsync();
            await Fake.DisposeAsync();
            Logs.Dispose();
        }
    }
}

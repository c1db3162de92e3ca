using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Tests;

public sealed class OptionsAndHostingTests
{
    [Fact]
    public void Defaults_ApiBaseUrlIntentsAndNoToken()
    {
        var options = Resolve([]).Value;

        Assert.False(options.IsConfigured);
        Assert.Equal(new Uri("https://discord.com/api/v10"), options.ApiBaseUrl);
        Assert.Null(options.GatewayUrl);
        Assert.Equal(37377, options.Intents);
    }

    [Theory]
    [InlineData("Discord:Token", "Bot abc.def.ghi")]
    [InlineData("Discord:GatewayUrl", "https://gateway.discord.gg")]
    [InlineData("Discord:ApiBaseUrl", "ftp://discord.com/api/v10")]
    public void Invalid_FailsValidation_WithoutQuotingTheToken(string key, string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }).Value);

        Assert.DoesNotContain("abc.def", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardIdNotBelowCount_FailsValidation() =>
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Discord:ShardId"] = "2", ["Discord:ShardCount"] = "2" }).Value);

    [Fact]
    public async Task Service_WithoutToken_StaysOff()
    {
        await using var services = Services([]);
        var lifetime = new Lifetime();
        using var service = new DiscordGatewayService(services.GetRequiredService<IDiscordGateway>(), services.GetRequiredService<IOptions<DiscordOptions>>(), lifetime, services.GetRequiredService<SecretScrubber>(), NullLogger<DiscordGatewayService>.Instance);

        await service.StartAsync(TestContext.Current.CancellationToken);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(lifetime.Stopped);
        Assert.Null(service.FatalError);
    }

    [Fact]
    public async Task Service_FatalClose_SetsNonZeroExitAndStopsTheHost()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.EnabledPrivilegedIntents = 0);
        var lifetime = new Lifetime();
        var exitCode = 0;
        using var service = new DiscordGatewayService(h.Gateway, h.Services.GetRequiredService<IOptions<DiscordOptions>>(), lifetime, h.Services.GetRequiredService<SecretScrubber>(), NullLogger<DiscordGatewayService>.Instance)
        {
            SetExitCode = code => exitCode = code,
        };

        await service.StartAsync(TestContext.Current.CancellationToken);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.True(lifetime.Stopped);
        Assert.Equal(4014, service.FatalError!.CloseCode);
        Assert.Single(h.Fake.Connections);
    }

    [Fact]
    public async Task Service_GatewayThrowsUnexpectedly_DeliberatelyFatal_OneCriticalLineExitCode1AndTheHostStops()
    {
        var lifetime = new Lifetime();
        var exitCode = 0;
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<DiscordGatewayService>();
        var options = Options.Create(new DiscordOptions { Token = ChatOpsBot.Testing.Discord.FakeDiscordOptions.DefaultToken });
        using var service = new DiscordGatewayService(new ThrowingGateway(), options, lifetime, new SecretScrubber(), logs)
        {
            SetExitCode = code => exitCode = code,
        };

        await service.StartAsync(TestContext.Current.CancellationToken);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(service.ExecuteTask.IsFaulted); // did not escape: the host's own handling would exit 0
        Assert.Equal(1, exitCode);
        Assert.True(lifetime.Stopped);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Critical, Assert.Single(logs.Collector.GetSnapshot()).Level);
    }

    private sealed class ThrowingGateway : IDiscordGateway
    {
        public System.Threading.Channels.ChannelReader<GatewayDispatch> Dispatches => throw new NotSupportedException();

        public GatewayState State => GatewayState.Disconnected;

        public ChatOpsBot.Discord.Models.DiscordReady? Ready => null;

        public Task RunAsync(CancellationToken cancellationToken) => Task.FromException(new InvalidOperationException("a bug in the gateway client"));

        public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendAsync(int opcode, System.Text.Json.Nodes.JsonNode? data, CancellationToken cancellationToken) => Task.CompletedTask;

        public IAsyncEnumerable<GatewayDispatch> ReadDispatchesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static IOptions<DiscordOptions> Resolve(Dictionary<string, string?> settings) =>
        Services(settings).GetRequiredService<IOptions<DiscordOptions>>();

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddDiscordClient()
            .BuildServiceProvider();

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped = true;
    }
}

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
        using var service = new DiscordGatewayService(services.GetRequiredService<IDiscordGateway>(), services.GetRequiredService<IOptions<DiscordOptions>>(), lifetime, NullLogger<DiscordGatewayService>.Instance);

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
        using var service = new DiscordGatewayService(h.Gateway, h.Services.GetRequiredService<IOptions<DiscordOptions>>(), lifetime, NullLogger<DiscordGatewayService>.Instance)
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

using ChatOpsBot.Http;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// The listener never runs as Development: there ASP.NET Core answers an unhandled exception with its developer
/// exception page, which echoes the request's headers (the Telegram webhook's secret token) and query string
/// (https://learn.microsoft.com/aspnet/core/fundamentals/error-handling-api#developer-exception-page).
/// </summary>
[Collection(nameof(ProcessEnvironmentTests))]
public sealed class WorkerHttpEnvironmentTests
{
    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public async Task Listener_InADevelopmentProcess_RunsAsProduction(string variable)
    {
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, "Development");
        try
        {
            string? seen = null;
            using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

            var result = await CliHarness.RunAsync([], new Dictionary<string, string> { ["Http__Urls"] = "http://127.0.0.1:0" },
                configure: s => s.AddHostedService(sp => new Reader(sp, name => seen = name)), cancellationToken: safety.Token);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(Environments.Production, seen);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }

    private sealed class Reader(IServiceProvider services, Action<string?> read) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            read(services.GetRequiredService<WorkerHttpServer>().ListenerEnvironment);
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

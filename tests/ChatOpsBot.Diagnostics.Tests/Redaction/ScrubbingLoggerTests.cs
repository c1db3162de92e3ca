using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Tests.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

public sealed class ScrubbingLoggerTests
{
    private static readonly string Key = FakeKeys.Make("openai-project", 11);

    [Fact]
    public void AddSecretScrubbing_KeyInMessageAndState_ProvidersSeeOnlyTheShownForm()
    {
        using var provider = new FakeLoggerProvider();
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(provider).AddSecretScrubbing())
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILogger<ScrubbingLoggerTests>>();

        logger.LogWarning("Probe failed for {Key} at {Url}", Key, new Uri("https://example.test/v1beta/models?key=" + FakeKeys.Make("google")));

        var record = Assert.Single(provider.Collector.GetSnapshot());
        Assert.Contains(KeyMask.Show(Key), record.Message, StringComparison.Ordinal);
        KeyWindowAssert.NoSecretIn(record.Message, Key);
        KeyWindowAssert.NoSecretIn(string.Join(" ", record.StructuredState!.Select(p => p.Value)), Key);
        KeyWindowAssert.NoSecretIn(record.Message, FakeKeys.Make("google"));
    }

    [Fact]
    public void AddSecretScrubbing_RegisteredSecretInExceptionMessage_ExceptionTextScrubbed()
    {
        using var provider = new FakeLoggerProvider();
        var scrubber = new SecretScrubber();
        using var services = new ServiceCollection()
            .AddSingleton(scrubber)
            .AddLogging(b => b.AddProvider(provider).AddSecretScrubbing())
            .BuildServiceProvider();
        using var registration = scrubber.Register("registered-bot-token-0123456789");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        logger.LogError(new InvalidOperationException("call with registered-bot-token-0123456789 failed"), "Send failed");

        var record = Assert.Single(provider.Collector.GetSnapshot());
        Assert.DoesNotContain("registered-bot-token", record.Exception!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("registered-bot-token", record.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), record.Exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretScrubbing_ExceptionWithoutSecrets_PassedThroughUnchanged()
    {
        using var provider = new FakeLoggerProvider();
        using var services = new ServiceCollection().AddLogging(b => b.AddProvider(provider).AddSecretScrubbing()).BuildServiceProvider();
        var exception = new TimeoutException("no answer");

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        logger.LogError(exception, "Timed out");

        Assert.Same(exception, Assert.Single(provider.Collector.GetSnapshot()).Exception);
    }

    [Fact]
    public void AddSecretScrubbing_KeyInScope_ScopeScrubbed()
    {
        using var provider = new FakeLoggerProvider();
        using var services = new ServiceCollection().AddLogging(b => b.AddProvider(provider).AddSecretScrubbing()).BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        using (logger.BeginScope("diagnosing {Key}", Key))
        {
            logger.LogWarning("inside");
        }

        var record = Assert.Single(provider.Collector.GetSnapshot());
        var scope = Assert.Single(record.Scopes);
        KeyWindowAssert.NoSecretIn(scope!.ToString()!, Key);
        KeyWindowAssert.NoSecretIn(string.Join(" ", ((IEnumerable<KeyValuePair<string, object?>>)scope).Select(p => p.Value)), Key);
    }

    [Fact]
    public void ScrubbingLoggerProvider_WrapsAProvider_MessagesScrubbed()
    {
        using var inner = new FakeLoggerProvider();
        using var sut = new ScrubbingLoggerProvider(inner, new SecretScrubber());

        var logger = sut.CreateLogger("c");

        logger.LogWarning("key is {Key}", Key);

        KeyWindowAssert.NoSecretIn(Assert.Single(inner.Collector.GetSnapshot()).Message, Key);
    }
}

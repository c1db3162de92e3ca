using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

/// <summary>The same secret registered by many diagnoses at once (a team key in a burst) is one entry, counted.</summary>
public sealed class SecretScrubberRegistrationTests
{
    private const string TeamKey = "AIzaSyBurst-team-key-0123456789abcdefgh";

    [Fact]
    public void Register_SameSecretManyTimes_OneEntry()
    {
        var sut = new SecretScrubber();
        var handles = Enumerable.Range(0, 500).Select(_ => sut.Register(TeamKey)).ToList();

        Assert.Equal(1, sut.Count);
        Assert.DoesNotContain(TeamKey, sut.Scrub($"key {TeamKey} echoed"), StringComparison.Ordinal);

        handles.ForEach(h => h.Dispose());
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public void Dispose_OneOfTwoRegistrations_SecretStillScrubbed()
    {
        var sut = new SecretScrubber();
        var first = sut.Register(TeamKey);
        using var second = sut.Register(TeamKey);

        first.Dispose();
        first.Dispose(); // a handle counts once, however often it is disposed

        Assert.Equal(1, sut.Count);
        Assert.DoesNotContain(TeamKey, sut.Scrub(TeamKey), StringComparison.Ordinal);
        Assert.DoesNotContain(TeamKey[4..20], sut.Scrub("fragment " + TeamKey[4..20]), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_ConcurrentSameAndDistinctSecrets_NothingLeftAndNeverVisible()
    {
        var sut = new SecretScrubber();
        using var held = sut.Register(TeamKey);
        Parallel.For(0, 2000, i =>
        {
            var secret = i % 2 == 0 ? TeamKey : $"user-secret-{i % 7:D3}-value-abcdefgh";
            using (sut.Register(secret))
            {
                Assert.DoesNotContain(secret, sut.Scrub($"x {secret} y"), StringComparison.Ordinal);
            }
        });

        Assert.Equal(1, sut.Count);
        Assert.DoesNotContain(TeamKey, sut.Scrub(TeamKey), StringComparison.Ordinal);
    }
}

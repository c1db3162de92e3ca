using ChatOpsBot.Core.Access;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Access;

public sealed class UserKeyLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private UserKeyLimiter CreateSut(int perHour = 5) => new(_time, Options.Create(new AccessOptions { UserKeyChecksPerHour = perHour }));

    [Fact]
    public void Acquire_UpToTheLimit_Granted_ThenRefusedUntilTheOldestExpires()
    {
        var sut = CreateSut();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, sut.Acquire("a", 1, out _));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(0, sut.Acquire("a", 1, out var retryAt));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), retryAt);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, sut.Acquire("a", 1, out _));
    }

    [Fact]
    public void Acquire_MoreThanLeft_GrantsWhatIsLeft()
    {
        var sut = CreateSut(perHour: 3);

        Assert.Equal(3, sut.Acquire("a", 5, out var retryAt));
        Assert.Equal(_time.GetUtcNow() + UserKeyLimiter.Window, retryAt);
    }

    [Fact]
    public void Acquire_UsersAreIndependent()
    {
        var sut = CreateSut(perHour: 1);

        Assert.Equal(1, sut.Acquire("a", 1, out _));
        Assert.Equal(1, sut.Acquire("b", 1, out _));
        Assert.Equal(0, sut.Acquire("a", 1, out _));
    }

    [Fact]
    public void Acquire_ManyUsersOverTime_TableStaysBounded()
    {
        var sut = CreateSut();
        for (var hour = 0; hour < 10; hour++)
        {
            for (var i = 0; i < 3000; i++)
            {
                sut.Acquire($"user-{hour}-{i}", 1, out _);
            }

            _time.Advance(TimeSpan.FromMinutes(61));
        }

        Assert.True(sut.TrackedUsers <= 3000 + 1024 * 2, $"tracked {sut.TrackedUsers}");
    }
}

using ChatOpsBot.Core.Replies;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Replies;

public sealed class LiveEditBudgetTests
{
    [Fact]
    public void TryTake_OverBudget_RefusedUntilTheWindowMoves()
    {
        var time = new FakeTimeProvider();
        var sut = new LiveEditBudget(time, perSecond: 3);

        Assert.Equal([true, true, true, false], [sut.TryTake(), sut.TryTake(), sut.TryTake(), sut.TryTake()]);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(sut.TryTake());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.TryTake());
    }

    [Fact]
    public void TryTake_FromManyThreads_NeverMoreThanTheBudgetInOneWindow()
    {
        var sut = new LiveEditBudget(new FakeTimeProvider(), perSecond: 20);
        var taken = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (sut.TryTake())
            {
                Interlocked.Increment(ref taken);
            }
        });

        Assert.Equal(20, taken);
    }

    [Fact]
    public void Constructor_ZeroOrLess_OneASecond()
    {
        Assert.Equal(1, new LiveEditBudget(new FakeTimeProvider(), perSecond: 0).PerSecond);
    }
}

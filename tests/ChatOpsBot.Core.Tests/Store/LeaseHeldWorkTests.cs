using System.Reflection;
using System.Threading.Channels;
using ChatOpsBot.Core.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Store;

/// <summary>
/// The lease runner on a fake clock and a fake lease table with the shared store's rules (a lease is taken when free,
/// expired or already this replica's; given up only by its holder): take, renew, lose on a store error (stopped before
/// the lease could run out), lose to another replica, take back, give up on a clean stop.
/// </summary>
public sealed class LeaseHeldWorkTests
{
    private const string Name = "discord-gateway:all/all";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private readonly Channel<bool> _work = Channel.CreateUnbounded<bool>(); // true: started, false: stopped
    private readonly LeaseTable _table;
    private readonly LeaseHeldWork _sut;
    private bool _running; // the last start (true) or stop (false) the work said

    public LeaseHeldWorkTests()
    {
        _table = new LeaseTable();
        _sut = new LeaseHeldWork(LeaseStore.Create(_table), Options.Create(new StorageOptions { LeaseDuration = Duration }), _time, NullLogger<LeaseHeldWork>.Instance)
        {
            Waiting = (_, wait) => _waits.Writer.TryWrite(wait),
        };
    }

    [Fact]
    public async Task RunAsync_OneProcessStore_RunsTheWorkAtOnceAndAsksNothing()
    {
        _table.Shared = false;
        var ran = false;
        await _sut.RunAsync(Name, _ => { ran = true; return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.True(ran);
        Assert.Equal(0, _table.Calls);
        Assert.Null(_sut.IsHeld("discord-gateway"));
        Assert.Empty(_sut.Leases);
    }

    [Fact]
    public async Task RunAsync_FreeLease_TakesItRunsTheWorkAndRenewsEveryThird()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);

        Assert.True(await NextWorkAsync());
        Assert.True(_sut.IsHeld("discord-gateway"));
        Assert.Equal(_time.GetUtcNow() + Duration, _table.ExpiryOf(LeaseTable.Me));
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(Duration / 3, await NextWaitAsync());
            _time.Advance(Duration / 3);
        }

        await NextWaitAsync();
        Assert.Equal(4, _table.Acquires); // taken, then renewed three times, each a third apart
        Assert.Equal(_time.GetUtcNow() + Duration, _table.ExpiryOf(LeaseTable.Me));
        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_StoreDown_StopsTheWorkBeforeTheLeaseRunsOutThenTakesItBack()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);
        Assert.True(await NextWorkAsync());
        var expires = _table.ExpiryOf(LeaseTable.Me)!.Value;

        _table.Down = true;
        var stopped = await AdvanceUntilWorkAsync();
        Assert.False(stopped);
        Assert.True(_time.GetUtcNow() <= expires - (Duration / 4), $"stopped at {_time.GetUtcNow():O}, lease ran until {expires:O}");
        Assert.False(_sut.IsHeld("discord-gateway"));

        _table.Down = false; // back: its own lease (or a free one) is taken again
        Assert.True(await AdvanceUntilWorkAsync());
        Assert.True(_sut.IsHeld("discord-gateway"));
        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_StoreHangs_StopsTheWorkBeforeTheLeaseRunsOut()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);
        Assert.True(await NextWorkAsync());
        var expires = _table.ExpiryOf(LeaseTable.Me)!.Value;

        _table.Hang = true;
        Assert.False(await AdvanceUntilWorkAsync());
        Assert.True(_time.GetUtcNow() <= expires - (Duration / 4), $"stopped at {_time.GetUtcNow():O}, lease ran until {expires:O}");
        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_AnotherReplicaTookIt_StopsAtOnceStandsByAndTakesItWhenFree()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);
        Assert.True(await NextWorkAsync());

        _table.Steal(LeaseTable.Other, _time.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.False(await AdvanceUntilWorkAsync());
        Assert.False(_sut.IsHeld("discord-gateway"));
        Assert.Empty(_table.Releases); // not this replica's to give up

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(await NextWaitAsync()); // standing by: asked again each third, still held elsewhere
        }

        Assert.False(_work.Reader.TryRead(out _));
        _table.ReleaseBy(LeaseTable.Other);
        Assert.True(await AdvanceUntilWorkAsync());
        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_HostStops_StopsTheWorkThenGivesTheLeaseUp()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);
        Assert.True(await NextWorkAsync());

        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.False(await NextWorkAsync());
        Assert.Equal([Name], _table.Releases);
        Assert.Null(_table.ExpiryOf(LeaseTable.Me));
        Assert.False(_sut.IsHeld("discord-gateway"));
    }

    [Fact]
    public async Task RunAsync_WorkFails_GivesTheLeaseUpAndThrows()
    {
        var run = _sut.RunAsync(Name, _ => Task.FromException(new InvalidOperationException("fatal close 4004")), TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound, TestContext.Current.CancellationToken));
        Assert.Equal("fatal close 4004", ex.Message);
        Assert.Equal([Name], _table.Releases);
    }

    [Fact]
    public async Task RunAsync_HeldByAnotherAtStart_StandsByUntilItRunsOut()
    {
        _table.Steal(LeaseTable.Other, _time.GetUtcNow() + Duration); // a replica that died just now
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _sut.RunAsync(Name, WorkAsync, cts.Token);

        var started = _time.GetUtcNow();
        Assert.True(await AdvanceUntilWorkAsync());
        Assert.InRange(_time.GetUtcNow() - started, Duration, Duration + (Duration / 3));
        Assert.False(_sut.IsHeld("telegram-polling").HasValue);
        await cts.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void KindOf_NameWithIds_IsThePartBeforeTheColon()
    {
        Assert.Equal("discord-gateway", LeaseHeldWork.KindOf("discord-gateway:0-3/8"));
        Assert.Equal("telegram-polling", LeaseHeldWork.KindOf("telegram-polling"));
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        _work.Writer.TryWrite(true);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            _work.Writer.TryWrite(false);
        }
    }

    private async Task<bool> NextWorkAsync() => _running = await _work.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);

    private async Task<TimeSpan> NextWaitAsync() => await _waits.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);

    /// <summary>
    /// Moves the clock a wait at a time until the work starts or stops; returns which. Once the runner holds the lease
    /// and the work has not said it started (or the reverse), the change is under way on the thread pool: the clock is
    /// not moved then. The fake clock runs the runner's timers inline, so moving it could otherwise race through many
    /// renewals before the work's first line ran.
    /// </summary>
    private async Task<bool> AdvanceUntilWorkAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var steps = 0; steps < 50; steps++)
        {
            if ((_sut.IsHeld("discord-gateway") == true) != _running)
            {
                return await NextWorkAsync();
            }

            var wait = _waits.Reader.WaitToReadAsync(ct).AsTask();
            var work = _work.Reader.WaitToReadAsync(ct).AsTask();
            await Task.WhenAny(wait, work).WaitAsync(Bound, ct);
            if (_work.Reader.TryRead(out var started))
            {
                return _running = started;
            }

            if (_waits.Reader.TryRead(out var step) && step > TimeSpan.Zero)
            {
                _time.Advance(step); // a wait of zero ends by itself
            }
        }

        throw new InvalidOperationException("The work neither started nor stopped.");
    }

    /// <summary>A lease table with the shared store's rules; this replica is <see cref="Me"/>.</summary>
    public sealed class LeaseTable
    {
        public const string Me = "me";
        public const string Other = "other";

        private readonly Lock _gate = new();
        private readonly Dictionary<string, (string Holder, DateTimeOffset Expires)> _leases = [];

        public bool Shared { get; set; } = true;

        private volatile bool _down;
        private volatile bool _hang;

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public bool Hang
        {
            get => _hang;
            set => _hang = value;
        }

        public int Calls { get; private set; }

        public int Acquires { get; private set; }

        public List<string> Releases { get; } = [];

        public DateTimeOffset? ExpiryOf(string holder)
        {
            lock (_gate)
            {
                return _leases.Values.Where(l => l.Holder == holder).Select(l => (DateTimeOffset?)l.Expires).FirstOrDefault();
            }
        }

        public void Steal(string holder, DateTimeOffset until)
        {
            lock (_gate)
            {
                _leases[Name] = (holder, until);
            }
        }

        public void ReleaseBy(string holder)
        {
            lock (_gate)
            {
                if (_leases.TryGetValue(Name, out var l) && l.Holder == holder)
                {
                    _leases.Remove(Name);
                }
            }
        }

        public async Task<bool> AcquireAsync(string name, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
        {
            Calls++;
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (Down)
            {
                throw new MonitorStoreException("The store at db:5432/chatopsbot is not reachable.");
            }

            lock (_gate)
            {
                Acquires++;
                if (_leases.TryGetValue(name, out var l) && l.Holder != Me && l.Expires > now)
                {
                    return false;
                }

                _leases[name] = (Me, now + duration);
                return true;
            }
        }

        public Task ReleaseAsync(string name)
        {
            Calls++;
            if (Down)
            {
                throw new MonitorStoreException("The store at db:5432/chatopsbot is not reachable.");
            }

            lock (_gate)
            {
                Releases.Add(name);
                if (_leases.TryGetValue(name, out var l) && l.Holder == Me)
                {
                    _leases.Remove(name);
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>An <see cref="IMonitorStore"/> that answers only the lease calls (from the table); anything else fails the test.</summary>
    public class LeaseStore : DispatchProxy
    {
        private LeaseTable _table = null!;

        public static IMonitorStore Create(LeaseTable table)
        {
            var store = DispatchProxy.Create<IMonitorStore, LeaseStore>();
            ((LeaseStore)(object)store)._table = table;
            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_IsShared" => _table.Shared,
            "get_ReplicaId" => LeaseTable.Me,
            nameof(IMonitorStore.TryAcquireLeaseAsync) => _table.AcquireAsync((string)args![0]!, (DateTimeOffset)args[1]!, (TimeSpan)args[2]!, (CancellationToken)args[3]!),
            nameof(IMonitorStore.ReleaseLeaseAsync) => _table.ReleaseAsync((string)args![0]!),
            _ => throw new NotSupportedException($"The lease runner should not call {targetMethod?.Name}."),
        };
    }
}

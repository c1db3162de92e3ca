namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// The attempts of one probe request. Travels in <see cref="HttpRequestMessage.Options"/> so the handler under the
/// retry strategy can write to it and the sender can read it afterwards.
/// </summary>
public sealed class ProbeAttemptLog
{
    public static readonly HttpRequestOptionsKey<ProbeAttemptLog> Key = new("chatopsbot.probe.attempts");

    /// <summary>When the whole diagnosis must end; a Retry-After beyond it is not waited for.</summary>
    public static readonly HttpRequestOptionsKey<DateTimeOffset> DeadlineKey = new("chatopsbot.probe.deadline");

    private readonly List<ProbeAttempt> _attempts = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ProbeAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public void Add(int? status, string? failure, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _attempts.Add(new ProbeAttempt(_attempts.Count + 1, status, failure, elapsed));
        }
    }
}

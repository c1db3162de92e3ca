namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Every update below <paramref name="Offset"/> was taken; of those at or above it, <paramref name="TakenAbove"/> were
/// taken too (out of order: another chat's update was still in progress).
/// </summary>
public sealed record UpdateCheckpoint(int Offset, IReadOnlyList<int> TakenAbove)
{
    public UpdateCheckpoint(int offset)
        : this(offset, [])
    {
    }

    public bool Equals(UpdateCheckpoint? other) => other is not null && Offset == other.Offset && TakenAbove.SequenceEqual(other.TakenAbove);

    public override int GetHashCode() => HashCode.Combine(Offset, TakenAbove.Count);
}

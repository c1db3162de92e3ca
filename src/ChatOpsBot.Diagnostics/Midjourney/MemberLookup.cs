namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>The Midjourney Bot's membership: found (with its member data), absent (404 10007), or unreadable.</summary>
public sealed record MemberLookup(MemberFacts? Member, bool Absent, ReadProblem? Problem)
{
    public static MemberLookup Found(MemberFacts member) => new(member, false, null);

    public static MemberLookup NotAMember { get; } = new(null, true, null);

    public static MemberLookup Failed(ReadProblem problem) => new(null, false, problem);
}

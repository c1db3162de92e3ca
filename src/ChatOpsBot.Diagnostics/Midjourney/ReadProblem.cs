namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>Why a piece of Discord data could not be read: the HTTP status and Discord's JSON code, or a transport failure.</summary>
/// <param name="Status">HTTP status, 0 when no answer came (timeout, connection refused, rate limit).</param>
/// <param name="Code">Discord's JSON error code (50001 Missing Access, 10004 Unknown Guild...), 0 if none.</param>
/// <param name="Reason">Discord's message or a short description ("Missing Access", "timed out").</param>
public sealed record ReadProblem(int Status, int Code, string Reason)
{
    /// <summary>"403 50001 Missing Access", "no answer: timed out".</summary>
    public override string ToString() => Status == 0 ? $"no answer: {Reason}" : Code == 0 ? $"{Status} {Reason}" : $"{Status} {Code} {Reason}";

    public bool IsMissingAccess => Code is 50001 or 50013 || Status == 403;
}

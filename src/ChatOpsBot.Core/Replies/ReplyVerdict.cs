namespace ChatOpsBot.Core.Replies;

/// <summary>A verdict as chat shows it. <see cref="CodeText"/> (<c>code: auth.invalid_key</c>) goes on every rendering.</summary>
/// <param name="Code">The verdict's stable code (<c>auth.invalid_key</c>).</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Title">A short sentence (<c>The key was rejected</c>).</param>
public sealed record ReplyVerdict(string Code, ReplySeverity Severity, string Title)
{
    /// <summary>The code of a verdict that says all is well.</summary>
    public const string OkCode = "ok";

    /// <summary>The verdict a recovery (or a test alert) shows when it has no card: <c>code: ok</c>.</summary>
    public static ReplyVerdict Ok { get; } = new(OkCode, ReplySeverity.Ok, "");

    public string CodeText => $"code: {Code}";
}

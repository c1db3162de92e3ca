namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>Something read from Discord, or why it could not be.</summary>
public sealed record Readable<T>(T? Value, ReadProblem? Problem)
    where T : class
{
#pragma warning disable CA1000 // the factory reads best on the generic type
    public static Readable<T> Of(T value) => new(value, null);

    public static Readable<T> Failed(ReadProblem problem) => new(null, problem);
#pragma warning restore CA1000

    public bool Ok => Value is not null;
}

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>An admin API's answer: status, headers (case-insensitive names) and the body as text.</summary>
internal sealed record AdminAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

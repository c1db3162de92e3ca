using System.Text.Json;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.StatusPages;

/// <summary>
/// A real status page answer recorded in <c>tests/ChatOpsBot.Testing/StatusPages/Recorded/&lt;name&gt;.json</c>
/// (copied next to the tests as <c>Fixtures/StatusPages/</c>): where it was published, what was filled in, the path it
/// answers and the answer itself.
/// </summary>
public sealed record StatusPageFixture(string Name, string Source, string Note, string Path, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "StatusPages");

    public static IReadOnlyList<string> Names =>
        [.. Directory.EnumerateFiles(Root, "*.json").Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static StatusPageFixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Root, name + ".json")));
        var root = document.RootElement;
        var headers = root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        var body = root.GetProperty("body");
        return new StatusPageFixture(
            name,
            root.GetProperty("source").GetString()!,
            root.GetProperty("note").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("status").GetInt32(),
            headers,
            body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText());
    }

    public FakeResponse ToResponse() => new() { Status = Status, Headers = Headers, Body = Body };
}

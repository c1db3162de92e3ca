using System.Text.Json;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Testing;

/// <summary>
/// A real provider answer recorded as a file in the provider's folder, <c>Providers/&lt;Name&gt;/Recorded/&lt;name&gt;.json</c>
/// (copied next to the tests as <c>Fixtures/&lt;Name&gt;/Recorded/</c>), found by the provider's wire name: where it was
/// published, what probe it answers, the verdict code it must produce, and the answer itself (status, headers,
/// body). Used by classifier tests and replayed by fake HTTP servers.
/// </summary>
/// <param name="Provider">The provider's wire name (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>...).</param>
/// <param name="Name">The file name without <c>.json</c>.</param>
/// <param name="Source">Where the real answer was published.</param>
/// <param name="Note">What the case is, and what was added to the published answer.</param>
/// <param name="Probe"><c>auth</c>, <c>model</c>, <c>deep</c> or <c>account</c>.</param>
/// <param name="Model">The model named by the probe, if any.</param>
/// <param name="ExpectedCode">The verdict code the answer must produce.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Response headers (case-insensitive names).</param>
/// <param name="Body">The body exactly as it goes on the wire (JSON text, or the recorded non-JSON text).</param>
public sealed record ProviderFixture(
    string Provider,
    string Name,
    string Source,
    string Note,
    string Probe,
    string? Model,
    string ExpectedCode,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>The folder fixtures are copied to next to the test assemblies.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The probe as the engine's enum.</summary>
    public ProbeKind Kind => Probe.ToLowerInvariant() switch
    {
        "model" => ProbeKind.Model,
        "deep" => ProbeKind.Deep,
        "account" => ProbeKind.Account,
        _ => ProbeKind.Auth,
    };

    /// <summary>Every registered provider's wire name, in registration order.</summary>
    public static IReadOnlyList<string> Providers => [.. ProviderRegistry.Descriptors.Select(d => d.Wire)];

    /// <summary>
    /// Where <paramref name="provider"/>'s recorded answers are: its folder is named like its definition's namespace
    /// (<c>ChatOpsBot.Diagnostics.Providers.OpenAI</c>: <c>Providers/OpenAI/Recorded</c>).
    /// </summary>
    public static string FolderOf(string provider)
    {
        var definition = ProviderRegistry.Definitions.FirstOrDefault(d => d.Descriptor.Wire == provider)
            ?? throw new ArgumentException($"No registered provider is called {provider}.", nameof(provider));
        var folder = definition.GetType().Namespace!.Split('.')[^1];
        return Path.Combine(Root, folder, "Recorded");
    }

    /// <summary>The answer as a classifier sees it.</summary>
    public ProbeResponse ToProbeResponse() =>
        new(Status, new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase), Body, false, TimeSpan.FromMilliseconds(120));

    /// <summary>Every fixture of <paramref name="provider"/>, ordered by name.</summary>
    public static IReadOnlyList<ProviderFixture> All(string provider) =>
        [.. Names(provider).Select(name => Load(provider, name))];

    /// <summary>The fixture names of <paramref name="provider"/>, ordered.</summary>
    public static IReadOnlyList<string> Names(string provider)
    {
        var folder = FolderOf(provider);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Reads <paramref name="provider"/>'s recorded answer <c>&lt;name&gt;.json</c>.</summary>
    public static ProviderFixture Load(string provider, string name)
    {
        var path = Path.Combine(FolderOf(provider), name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var response = root.GetProperty("response");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (response.TryGetProperty("headers", out var headerObject) && headerObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headerObject.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() ?? "" : header.Value.GetRawText();
            }
        }

        string body;
        if (response.TryGetProperty("body_text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            body = text.GetString() ?? "";
        }
        else if (response.TryGetProperty("body", out var json) && json.ValueKind != JsonValueKind.Null)
        {
            body = json.GetRawText();
        }
        else
        {
            body = "";
        }

        return new ProviderFixture(
            provider,
            name,
            root.GetProperty("source").GetString() ?? "",
            root.TryGetProperty("note", out var note) ? note.GetString() ?? "" : "",
            root.TryGetProperty("probe", out var probe) ? probe.GetString() ?? "auth" : "auth",
            root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null,
            root.GetProperty("expected_code").GetString() ?? "",
            response.GetProperty("status").GetInt32(),
            headers,
            body);
    }

    public override string ToString() => $"{Provider}/{Name}";
}

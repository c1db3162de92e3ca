using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>The body of a free account check read as a JSON object, and its true/false fields. Never throws.</summary>
internal static class AccountJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The body's top-level object, or null when it is not one (or not JSON at all).</summary>
    public static JsonObject? Object(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: Options) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>true</c> or <c>false</c> when <paramref name="name"/> holds that JSON literal; null otherwise.</summary>
    public static bool? Flag(JsonObject? root, string name) => root?[name] is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        }
        : null;
}

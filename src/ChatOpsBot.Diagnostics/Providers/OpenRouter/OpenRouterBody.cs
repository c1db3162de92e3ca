using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// The parts of an OpenRouter answer the shared reader does not know: <c>error.metadata</c> (the wrapped upstream's
/// <c>raw</c> and <c>provider_name</c>, <c>limit_source</c>, <c>reasons</c>, <c>available_providers</c>), the doubly
/// nested <c>{"error":{"error":{…}}}</c> some clients have seen, and the key check's <c>data</c>. Never throws.
/// </summary>
internal sealed record OpenRouterBody(string? Message, int? ErrorCode, JsonObject? Metadata, JsonObject? Data)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true };

    public static OpenRouterBody Empty { get; } = new(null, null, null, null);

    public string? ProviderName => Text(Metadata, "provider_name");

    public string? LimitSource => Text(Metadata, "limit_source");

    public JsonNode? Raw => Metadata?["raw"];

    public static OpenRouterBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.AsSpan().TrimStart() is not ['{', ..])
        {
            return Empty;
        }

        try
        {
            if (JsonNode.Parse(body, documentOptions: Options) is not JsonObject root)
            {
                return Empty;
            }

            var data = root["data"] as JsonObject;
            if (root["error"] is not JsonObject error)
            {
                return new(null, null, null, data);
            }

            var inner = error["error"] as JsonObject;
            var message = Text(error, "message") ?? Text(inner, "message");
            var metadata = error["metadata"] as JsonObject ?? inner?["metadata"] as JsonObject;
            return new(message, Int(error, "code") ?? Int(inner, "code"), metadata, data);
        }
        catch (JsonException)
        {
            return Empty;
        }
        catch (InvalidOperationException)
        {
            return Empty;
        }
    }

    public static string? Text(JsonObject? node, string name)
    {
        try
        {
            return node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static int? Int(JsonObject? node, string name)
    {
        if (node?[name] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<int>(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static decimal? Number(JsonObject? node, string name)
    {
        if (node?[name] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<decimal>(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static bool? Bool(JsonObject? node, string name) =>
        node?[name] is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;
}

using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A command option: a value (string, number or bool, kept as JSON) or nested options of a subcommand.</summary>
public sealed record InteractionOption(string Name, int Type, JsonElement? Value, bool Focused, IReadOnlyList<InteractionOption> Options)
{
    public string? StringValue => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value?.GetRawText();

    public bool? BoolValue => Value?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    internal static IReadOnlyList<InteractionOption> ParseList(JsonElement parent)
    {
        if (!Json.Has(parent, "options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. options.EnumerateArray().Select(o => new InteractionOption(
            Json.String(o, "name") ?? "",
            Json.Int(o, "type") ?? 0,
            Checked(Json.Element(o, "value")),
            Json.Bool(o, "focused"),
            ParseList(o)))];
    }

    /// <summary>A string value is read once here, so a value that is no text fails the parse, not a handler later.</summary>
    private static JsonElement? Checked(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.String } v)
        {
            _ = Json.Text(v, "value");
        }

        return value;
    }

    internal static InteractionOption? Find(IReadOnlyList<InteractionOption> options, string name)
    {
        foreach (var o in options)
        {
            if (o.Name == name && o.Type is not 1 and not 2)
            {
                return o;
            }

            if (o.Type is 1 or 2 && Find(o.Options, name) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}

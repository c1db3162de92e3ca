using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>An interaction's <c>data</c>: a command (name, options), a component (custom_id, values) or a modal (custom_id, text inputs).</summary>
public sealed record InteractionData(
    ulong? Id,
    string? Name,
    int? CommandType,
    IReadOnlyList<InteractionOption> Options,
    string? CustomId,
    int? ComponentType,
    IReadOnlyList<string> Values,
    IReadOnlyList<ModalValue> ModalValues,
    JsonElement? Resolved)
{
    public static InteractionData Parse(JsonElement e)
    {
        var values = new List<string>();
        if (Json.Has(e, "values", out var v) && v.ValueKind == JsonValueKind.Array)
        {
            values.AddRange(v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => Json.Text(x, "values")));
        }

        var modal = new List<ModalValue>();
        if (Json.Has(e, "components", out var components))
        {
            CollectTextInputs(components, modal);
        }

        return new(
            Json.Snowflake(e, "id"),
            Json.String(e, "name"),
            Json.Int(e, "type"),
            InteractionOption.ParseList(e),
            Json.String(e, "custom_id"),
            Json.Int(e, "component_type"),
            values,
            modal,
            Json.Element(e, "resolved"));
    }

    /// <summary>The value of a top-level (or subcommand's) option, or null.</summary>
    public InteractionOption? Option(string name) => InteractionOption.Find(Options, name);

    /// <summary>A text input's value in a submitted modal, or null.</summary>
    public string? ModalValue(string customId) => ModalValues.FirstOrDefault(m => m.CustomId == customId)?.Value;

    // Modal submits nest text inputs in Labels (type 18, "component") or, the older way, in Action Rows ("components").
    private static void CollectTextInputs(JsonElement node, List<ModalValue> into)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    CollectTextInputs(item, into);
                }

                break;
            case JsonValueKind.Object:
                if (Json.Int(node, "type") == 4 && Json.String(node, "custom_id") is { } id)
                {
                    into.Add(new ModalValue(id, Json.String(node, "value") ?? ""));
                }

                if (Json.Has(node, "component", out var one))
                {
                    CollectTextInputs(one, into);
                }

                if (Json.Has(node, "components", out var many))
                {
                    CollectTextInputs(many, into);
                }

                break;
        }
    }
}

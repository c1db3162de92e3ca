using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Fuzz;

/// <summary>
/// Seeded mutations of valid platform payloads: fields removed, values of the wrong type, huge strings and numbers,
/// deep nesting, and now and then text that is not JSON at all. Deterministic per seed, so a failure names its case.
/// Iterations: <see cref="Iterations"/> (small in CI; <c>CHATOPSBOT_FUZZ_ITERATIONS</c> for a longer local run).
/// </summary>
public sealed class JsonFuzzer(int seed)
{
    public const string IterationsVariable = "CHATOPSBOT_FUZZ_ITERATIONS";

#pragma warning disable CA5394 // test data, not security
    private readonly Random _random = new(seed);

    /// <summary>Lets the fuzzer write nesting deeper than System.Text.Json's default limit of 64 (the parsers under test keep theirs).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Deep = new() { MaxDepth = 1024 };

    /// <summary>How many cases a fuzz test runs: <c>CHATOPSBOT_FUZZ_ITERATIONS</c> when set, else <paramref name="ci"/>.</summary>
    public static int Iterations(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ci;

    public int Next(int max) => _random.Next(max);

    /// <summary>A mutated copy of <paramref name="valid"/> (1–4 mutations), as text; sometimes not JSON at all.</summary>
    public string Mutate(JsonObject valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        if (_random.Next(20) == 0)
        {
            return NotJson();
        }

        var copy = (JsonObject)valid.DeepClone();
        for (var i = 0; i < 1 + _random.Next(4); i++)
        {
            MutateOne(copy);
        }

        return copy.ToJsonString(Deep);
    }

    /// <summary>A mutated copy, or null when the mutation replaced the root with something that is not an object.</summary>
    public JsonNode? MutateNode(JsonObject valid)
    {
        var text = Mutate(valid);
        try
        {
            return JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 });
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void MutateOne(JsonObject root)
    {
        var nodes = new List<(JsonNode? Parent, string? Name, int Index, JsonNode? Node)>();
        Collect(root, null, null, -1, nodes);
        var (parent, name, index, node) = nodes[_random.Next(nodes.Count)];
        switch (_random.Next(4))
        {
            case 0 when parent is JsonObject o && name is not null:
                o.Remove(name); // a missing field
                break;
            case 1 when node is JsonObject o:
                o["x" + _random.Next(1000).ToString(CultureInfo.InvariantCulture)] = RandomValue(0); // an unknown field
                break;
            default:
                Replace(parent, name, index, RandomValue(0));
                break;
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? name, int index, List<(JsonNode?, string?, int, JsonNode?)> into)
    {
        into.Add((parent, name, index, node));
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    Collect(value, o, key, -1, into);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], a, null, i, into);
                }

                break;
        }
    }

    private static void Replace(JsonNode? parent, string? name, int index, JsonNode? value)
    {
        if (parent is JsonObject o && name is not null)
        {
            o[name] = value;
        }
        else if (parent is JsonArray a && index >= 0)
        {
            a[index] = value;
        }
    }

    private JsonNode? RandomValue(int depth) => _random.Next(depth > 3 ? 9 : 12) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(long.MaxValue),
        4 => JsonValue.Create(-1.5e300),
        5 => JsonValue.Create(""),
        6 => JsonValue.Create(new string((char)('a' + _random.Next(26)), _random.Next(2) == 0 ? 5000 : 200_000)), // huge
        7 => JsonValue.Create("/diagnose " + new string('\u200b', 50) + "\ud83d\ude00\u0000<b>&"),
        8 => JsonValue.Create("99999999999999999999999999"), // a number too big for any id, as a string
        9 => new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)),
        10 => new JsonObject { ["id"] = RandomValue(depth + 1), ["type"] = RandomValue(depth + 1), ["name"] = RandomValue(depth + 1) },
        _ => Nested(50 + _random.Next(100)),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private string NotJson() => _random.Next(5) switch
    {
        0 => "",
        1 => "{",
        2 => "[1,2,",
        3 => "null",
        _ => "{\"update_id\":" + new string('9', 400) + "}",
    };
#pragma warning restore CA5394
}

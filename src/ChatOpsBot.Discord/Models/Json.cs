using System.Globalization;
using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>Tolerant readers for Discord's JSON: snowflakes and permissions are strings of 64-bit numbers.</summary>
internal static class Json
{
    public static bool Has(JsonElement e, string name, out JsonElement value)
    {
        value = default;
        return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    public static string? String(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.String ? Text(v, name) : null;

    /// <summary>
    /// A string value. JSON may escape half a surrogate pair (<c>"\ud800"</c>), which is no text at all: reading it
    /// throws InvalidOperationException, which here becomes the payload's fault, not a crash.
    /// </summary>
    public static string Text(JsonElement v, string name)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new DiscordPayloadException($"'{name}' is not valid text.", ex);
        }
    }

    public static ulong? Snowflake(JsonElement e, string name) => Has(e, name, out var v) ? ParseUlong(v) : null;

    public static ulong RequiredSnowflake(JsonElement e, string name) =>
        Snowflake(e, name) ?? throw new DiscordPayloadException($"'{name}' is missing or not a snowflake.");

    public static ulong? ParseUlong(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String when ulong.TryParse(Text(v, "snowflake"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        JsonValueKind.Number when v.TryGetUInt64(out var n) => n,
        _ => null,
    };

    public static int? Int(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    public static bool Bool(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.True;

    public static IReadOnlyList<ulong> Snowflakes(JsonElement e, string name)
    {
        if (!Has(e, name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<ulong>();
        foreach (var item in v.EnumerateArray())
        {
            if (ParseUlong(item) is { } id)
            {
                list.Add(id);
            }
        }

        return list;
    }

    public static JsonElement? Element(JsonElement e, string name) => Has(e, name, out var v) ? v.Clone() : null;
}

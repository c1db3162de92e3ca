using System.Text.Json.Nodes;

namespace ChatOpsBot.Discord.Rest;

/// <summary>An embed (DDOCS resources/message.mdx#embed-object); limits in <see cref="DiscordLimits"/>.</summary>
public sealed record DiscordEmbed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    /// <summary>RGB as an integer (0x2ECC71 green).</summary>
    public int? Color { get; init; }

    public IReadOnlyList<DiscordEmbedField> Fields { get; init; } = [];

    public string? Footer { get; init; }

    public string? Author { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The embed's large image: an https URL or <c>attachment://&lt;filename&gt;</c> of a file sent with the message.</summary>
    public string? ImageUrl { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        if (Title is not null)
        {
            o["title"] = Title;
        }

        if (Description is not null)
        {
            o["description"] = Description;
        }

        if (Url is not null)
        {
            o["url"] = Url;
        }

        if (Color is { } color)
        {
            o["color"] = color;
        }

        if (Fields.Count > 0)
        {
            o["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["inline"] = f.Inline })]);
        }

        if (Footer is not null)
        {
            o["footer"] = new JsonObject { ["text"] = Footer };
        }

        if (Author is not null)
        {
            o["author"] = new JsonObject { ["name"] = Author };
        }

        if (ImageUrl is not null)
        {
            o["image"] = new JsonObject { ["url"] = ImageUrl };
        }

        if (Timestamp is { } ts)
        {
            o["timestamp"] = ts.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return o;
    }
}

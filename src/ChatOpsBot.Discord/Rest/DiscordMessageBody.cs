using System.Text.Json.Nodes;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// What the bot sends as a message, an interaction reply, an edit or a follow-up. Every body carries
/// <c>"allowed_mentions":{"parse":[]}</c>: the bot echoes user text and must never ping anyone.
/// </summary>
public sealed record DiscordMessageBody
{
    /// <summary>Message flag EPHEMERAL (1 &lt;&lt; 6): only the invoker sees it; interaction responses only.</summary>
    public const int EphemeralFlag = 64;

    public const int SuppressEmbedsFlag = 4;

    public string? Content { get; init; }

    public IReadOnlyList<DiscordEmbed>? Embeds { get; init; }

    /// <summary>Raw component JSON (action rows with buttons), built by the adapter.</summary>
    public JsonArray? Components { get; init; }

    public int? Flags { get; init; }

    /// <summary>Channel messages only: at most 25 characters; with <see cref="EnforceNonce"/> Discord de-duplicates for a few minutes.</summary>
    public string? Nonce { get; init; }

    public bool EnforceNonce { get; init; }

    /// <summary>Channel messages only: reply to this message (needs READ_MESSAGE_HISTORY).</summary>
    public ulong? ReplyToMessageId { get; init; }

    public static DiscordMessageBody Text(string content) => new() { Content = content };

    /// <summary>The JSON body. <paramref name="channelMessage"/> allows nonce and message_reference.</summary>
    public JsonObject ToJson(bool channelMessage = false)
    {
        var o = new JsonObject();
        if (Content is not null)
        {
            o["content"] = Content;
        }

        if (Embeds is not null)
        {
            o["embeds"] = new JsonArray([.. Embeds.Select(e => (JsonNode)e.ToJson())]);
        }

        if (Components is not null)
        {
            o["components"] = Components.DeepClone();
        }

        if (Flags is { } flags)
        {
            o["flags"] = flags;
        }

        if (channelMessage && Nonce is not null)
        {
            o["nonce"] = Nonce;
            if (EnforceNonce)
            {
                o["enforce_nonce"] = true;
            }
        }

        if (channelMessage && ReplyToMessageId is { } reply)
        {
            o["message_reference"] = new JsonObject { ["message_id"] = reply.ToString(System.Globalization.CultureInfo.InvariantCulture), ["fail_if_not_exists"] = false };
        }

        o["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() };
        return o;
    }
}

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

        if (Timestamp is { } ts)
        {
            o["timestamp"] = ts.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return o;
    }
}

public sealed record DiscordEmbedField(string Name, string Value, bool Inline = false);

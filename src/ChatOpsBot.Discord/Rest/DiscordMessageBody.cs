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

    /// <summary>
    /// Files uploaded with the message (multipart/form-data: <c>payload_json</c> plus <c>files[n]</c>); each is listed in
    /// <c>attachments</c> as <c>{id: n, filename}</c>, and an embed shows one with <c>attachment://&lt;filename&gt;</c>.
    /// </summary>
    public IReadOnlyList<DiscordFile>? Files { get; init; }

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

        if (Files is { Count: > 0 } files)
        {
            var attachments = new JsonArray();
            for (var i = 0; i < files.Count; i++)
            {
                var attachment = new JsonObject { ["id"] = i, ["filename"] = files[i].FileName };
                if (files[i].Description is { Length: > 0 } description)
                {
                    attachment["description"] = description.Length > DiscordLimits.AttachmentDescription ? description[..DiscordLimits.AttachmentDescription] : description;
                }

                attachments.Add((JsonNode)attachment); // the JsonNode overload: Add<T> would wrap a value by reflection
            }

            o["attachments"] = attachments;
        }

        o["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() };
        return o;
    }
}

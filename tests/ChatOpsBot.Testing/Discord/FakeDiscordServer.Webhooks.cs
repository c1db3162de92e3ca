using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChatOpsBot.Testing.Discord;

/// <summary>A file part of a multipart request (<c>files[n]</c>), as the fake received it.</summary>
public sealed record FakeDiscordFile(string Name, string? FileName, string? ContentType, byte[] Content);

/// <summary>An incoming webhook the fake knows: executing it posts in <see cref="ChannelId"/>.</summary>
public sealed record FakeWebhook(ulong Id, string Token, ulong ChannelId, Uri Url);

public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentDictionary<ulong, FakeWebhook> _webhooks = new();
    private const int HangStatus = -1;
    private const int TakeThenHangStatus = -2;

    private readonly List<Fault> _faults = [];
    private int _hanging;

    /// <summary>Incoming webhooks by id.</summary>
    public IReadOnlyDictionary<ulong, FakeWebhook> Webhooks => _webhooks;

    /// <summary>
    /// Creates an incoming webhook on <paramref name="channelId"/> (a channel is added when null). Its <see cref="FakeWebhook.Url"/>
    /// has Discord's shape, <c>http://127.0.0.1:port/api/webhooks/{id}/{token}</c>, with a 68-character token as Discord's.
    /// </summary>
    public FakeWebhook AddWebhook(ulong? channelId = null)
    {
        var channel = channelId ?? AddChannel(guildId: 1);
        var id = NextId();
        var token = (Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray()))
            .Replace('+', '-').Replace('/', '_').Replace("=", "", StringComparison.Ordinal)[..60] + "Wh00kTkn";
        var webhook = new FakeWebhook(id, token, channel, new Uri(BaseUrl, $"api/webhooks/{Str(id)}/{token}"));
        _webhooks[id] = webhook;
        return webhook;
    }

    /// <summary>Deletes a webhook: executing it then gets 404 10015 Unknown Webhook.</summary>
    public void DeleteWebhook(ulong id) => _webhooks.TryRemove(id, out _);

    /// <summary>
    /// The next <paramref name="count"/> calls whose "METHOD /path" starts with <paramref name="routePrefix"/> get
    /// <paramref name="status"/> (an outage; not processed), with <paramref name="body"/> as the answer when given, and
    /// a <c>Content-Encoding</c> header of <paramref name="contentEncoding"/> over it as it is (a middlebox that labels
    /// a plain body gzip).
    /// </summary>
    public void FailNext(string routePrefix, int count, int status = 503, string? body = null, string? contentEncoding = null)
    {
        lock (_faults)
        {
            _faults.Add(new Fault(routePrefix, count, status) { Body = body, ContentEncoding = contentEncoding });
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> matching calls are processed as usual (a message is created) but the connection
    /// drops before the answer: the client cannot tell whether it worked.
    /// </summary>
    public void DropResponses(string routePrefix, int count = 1)
    {
        lock (_faults)
        {
            _faults.Add(new Fault(routePrefix, count, null));
        }
    }

    /// <summary>The next <paramref name="count"/> matching calls get no answer at all until the client gives up (a timeout).</summary>
    public void HangNext(string routePrefix, int count = 1)
    {
        lock (_faults)
        {
            _faults.Add(new Fault(routePrefix, count, HangStatus));
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> matching calls are processed as usual (a message is created) and then get no
    /// answer until the client goes away: a sender that dies (or times out) after Discord acted on its request.
    /// </summary>
    public void TakeThenHangNext(string routePrefix, int count = 1)
    {
        lock (_faults)
        {
            _faults.Add(new Fault(routePrefix, count, TakeThenHangStatus));
        }
    }

    /// <summary>Requests the fake is holding without an answer (<see cref="HangNext"/>, <see cref="TakeThenHangNext"/>).</summary>
    public int HangingRequests => Volatile.Read(ref _hanging);

    /// <summary>Ends every scripted failure.</summary>
    public void ClearFaults()
    {
        lock (_faults)
        {
            _faults.Clear();
        }
    }

    private Fault? TakeFault(string key)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && key.StartsWith(f.RoutePrefix, StringComparison.Ordinal));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            return fault;
        }
    }

    private (int, JsonNode?) ExecuteWebhook(string id, string token, JsonNode? body, string query)
    {
        if (!_webhooks.TryGetValue(Id(id), out var webhook))
        {
            return (404, Err(10015, "Unknown Webhook"));
        }

        if (!string.Equals(webhook.Token, token, StringComparison.Ordinal))
        {
            return (401, Err(50027, "Invalid Webhook Token"));
        }

        if (MessageProblem(body, requireSomething: true) is { } problem)
        {
            return problem;
        }

        var data = (JsonObject)body!;
        var message = Message(NextId(), webhook.ChannelId, webhook.Id, "", bot: true);
        message["author"] = new JsonObject { ["id"] = Str(webhook.Id), ["username"] = "Alerts", ["avatar"] = null, ["discriminator"] = "0000", ["bot"] = true };
        Merge(message, data);
        message.Remove("allowed_mentions");
        message["webhook_id"] = Str(webhook.Id);
        if (_channels.TryGetValue(webhook.ChannelId, out var channel) && channel["guild_id"] is { } guild)
        {
            message["guild_id"] = guild.DeepClone();
        }

        _messages[Id((string)message["id"]!)] = message;
        var wait = QueryHelpers.ParseQuery(query).TryGetValue("wait", out var w) && (w == "true" || w == "1" || w == "True");
        return wait ? (200, message.DeepClone()) : (204, null);
    }

    // Files become the message's attachments (files[n] ↔ attachments[].id == n); an embed's attachment://name image
    // points at the uploaded file's CDN URL, as Discord rewrites it.
    private (int, JsonNode?)? AttachFiles(JsonObject data, List<FakeDiscordFile> files)
    {
        var byIndex = new Dictionary<int, FakeDiscordFile>();
        foreach (var file in files)
        {
            if (!file.Name.StartsWith("files[", StringComparison.Ordinal) || !file.Name.EndsWith(']')
                || !int.TryParse(file.Name[6..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !byIndex.TryAdd(n, file))
            {
                return (400, FormError("files", "BASE_TYPE_BAD_NAME", $"Unexpected file field {file.Name}."));
            }
        }

        var listed = data["attachments"] as JsonArray;
        foreach (var entry in listed ?? [])
        {
            if (entry?["id"] is not JsonValue idValue || !int.TryParse(idValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !byIndex.ContainsKey(n))
            {
                return (400, FormError("attachments", "ATTACHMENT_NOT_FOUND", "Unknown attachment."));
            }
        }

        var channel = data["channel_id"]?.ToString() ?? "0";
        var attachments = new JsonArray();
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (n, file) in byIndex.OrderBy(p => p.Key))
        {
            var fileName = file.FileName ?? "unknown";
            var attachmentId = NextId();
            var url = $"https://cdn.discordapp.com/attachments/{channel}/{Str(attachmentId)}/{fileName}";
            urls[fileName] = url;
            var description = listed?.FirstOrDefault(e => e?["id"]?.ToString() == n.ToString(CultureInfo.InvariantCulture))?["description"]?.ToString();
            var attachment = new JsonObject
            {
                ["id"] = Str(attachmentId),
                ["filename"] = fileName,
                ["size"] = file.Content.Length,
                ["url"] = url,
                ["proxy_url"] = url.Replace("cdn.discordapp.com", "media.discordapp.net", StringComparison.Ordinal),
                ["content_type"] = file.ContentType,
            };
            if (description is not null)
            {
                attachment["description"] = description;
            }

            attachments.Add(attachment);
        }

        foreach (var embed in (data["embeds"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (embed["image"]?["url"]?.ToString() is { } imageUrl && imageUrl.StartsWith("attachment://", StringComparison.Ordinal)
                && urls.TryGetValue(imageUrl["attachment://".Length..], out var cdn))
            {
                embed["image"] = new JsonObject { ["url"] = cdn, ["proxy_url"] = cdn, ["width"] = 0, ["height"] = 0 };
            }
        }

        data["attachments"] = attachments;
        return null;
    }

    private static async Task<List<FakeDiscordFile>?> ReadMultipartAsync(byte[] raw, string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !string.Equals(media.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return [];
        }

        var parts = new List<FakeDiscordFile>();
        var reader = new MultipartReader(boundary, new MemoryStream(raw));
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value : null;
            parts.Add(new FakeDiscordFile(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", fileName, section.ContentType, content.ToArray()));
        }

        return parts;
    }

    private static List<FakeDiscordFile> ParseFiles(byte[] raw, string? contentType) =>
        ReadMultipartAsync(raw, contentType).GetAwaiter().GetResult()?.Where(p => p.FileName is not null).ToList() ?? [];

    private static string BodyText(byte[] raw, string? contentType)
    {
        var parts = ReadMultipartAsync(raw, contentType).GetAwaiter().GetResult();
        return parts is null ? Encoding.UTF8.GetString(raw) : parts.FirstOrDefault(p => p.Name == "payload_json") is { } payload ? Encoding.UTF8.GetString(payload.Content) : "";
    }

    private sealed class Fault(string routePrefix, int remaining, int? status)
    {
        public string RoutePrefix { get; } = routePrefix;

        public int Remaining { get; set; } = remaining;

        /// <summary>Null: process, then drop the connection.</summary>
        public int? Status { get; } = status;

        /// <summary>The answer's body; null: a generic one for the status.</summary>
        public string? Body { get; init; }

        /// <summary>A Content-Encoding header sent over the body as it is.</summary>
        public string? ContentEncoding { get; init; }
    }
}

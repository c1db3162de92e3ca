using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Discord;

/// <summary>A REST call as the fake saw it, and what it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path after <c>/api/v10</c>.</param>
/// <param name="Query">The query string, with its <c>?</c>.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The JSON body (of a multipart request: its payload_json).</param>
/// <param name="Status">What the fake answered (0: the connection was dropped instead).</param>
/// <param name="ResponseBody">The answer's body.</param>
/// <param name="Files">The file parts of a multipart request.</param>
public sealed record FakeDiscordCall(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, int Status, string ResponseBody, IReadOnlyList<FakeDiscordFile>? Files = null)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public override string ToString() => $"{Method} {Path} → {Status}";
}

/// <summary>A gateway payload the fake received from the client.</summary>
public sealed record FakeGatewayFrame(int ConnectionId, int? Op, string Text)
{
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Text);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    public JsonNode? Data => Json?["d"];
}

/// <summary>An interaction the fake injected, with what the bot did with it.</summary>
public sealed class FakeInteraction
{
    internal FakeInteraction(ulong id, string token, int type, ulong channelId, long createdAt, JsonObject payload)
    {
        Id = id;
        Token = token;
        Type = type;
        ChannelId = channelId;
        CreatedAt = createdAt;
        Payload = payload;
    }

    public ulong Id { get; }

    public string Token { get; }

    public int Type { get; }

    public ulong ChannelId { get; }

    internal long CreatedAt { get; }

    public JsonObject Payload { get; }

    /// <summary>The callback types the bot sent, in order (the first one counts; later ones were refused).</summary>
    public List<int> Callbacks { get; } = [];

    public JsonObject? CallbackData { get; internal set; }

    /// <summary>The original response message (after a type 4 or 5), as edits left it.</summary>
    public JsonObject? Original { get; internal set; }

    public List<JsonObject> Edits { get; } = [];

    public List<JsonObject> Followups { get; } = [];

    public bool Acknowledged => Callbacks.Count > 0;
}

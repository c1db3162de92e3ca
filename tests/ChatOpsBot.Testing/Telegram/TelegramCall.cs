using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Telegram;

/// <summary>One Bot API call the fake received: the method as sent, its parameters (parsed, never string-matched) and the raw body.</summary>
public sealed class TelegramCall(string method, string httpMethod, string body, JsonObject parameters, IReadOnlyDictionary<string, string> headers)
{
    /// <summary>The method name as it appeared in the path (Telegram treats it case-insensitively).</summary>
    public string Method { get; } = method;

    public string HttpMethod { get; } = httpMethod;

    /// <summary>The raw request body, for leak checks.</summary>
    public string Body { get; } = body;

    public JsonObject Parameters { get; } = parameters;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The file parts of a multipart call (uploads), with their bytes.</summary>
    public IReadOnlyList<TelegramUpload> Uploads { get; internal set; } = [];

    /// <summary>When the call arrived, on the fake's clock.</summary>
    public DateTimeOffset At { get; internal set; }

    /// <summary>The HTTP status the fake answered with (0 while pending, -1 when the connection was dropped).</summary>
    public int Status { get; internal set; }

    /// <summary>A long poll (getUpdates with a timeout and nothing to give) the fake held on its clock: its timer was set.</summary>
    public bool Held { get; internal set; }

    /// <summary>Telegram's description of an error answer.</summary>
    public string? Description { get; internal set; }

    public bool Is(string method) => string.Equals(Method, method, StringComparison.OrdinalIgnoreCase);

    public string? Text(string name) => Parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Parameters[name]?.ToJsonString();

    public long? Number(string name) => FakeTelegramServer.ReadLong(Parameters[name]);

    public override string ToString() => $"{Method} {Status}{(Description is null ? "" : " " + Description)}";
}

using System.Globalization;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// What a gateway's answer says beyond the providers' common error shapes (<see cref="ProviderErrorBody"/>): a message
/// that is an object or a Python repr (LiteLLM), <c>message_zh</c> (new-api), flat errors (vLLM, Ollama), the
/// Cloudflare API envelope, Portkey's and Helicone's envelopes, the owners and dates of a model list. Read once, only
/// when a custom base URL is in use. Never throws.
/// </summary>
internal sealed class GatewayAnswer
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowTrailingCommas = true };

    public string Text { get; private init; } = "";
    public bool IsJson { get; private init; }
    public string? Message { get; private set; }
    public string? MessageZh { get; private init; }
    public string? Type { get; private init; }
    public string? Code { get; private init; }
    public bool CodeIsNumber { get; private init; }
    public string? Param { get; private init; }
    public bool ErrorIsString { get; private init; }
    public bool FlatErrorObject { get; private init; }
    public bool HasOpenRouterMetadata { get; private init; }
    public string? RootStatus { get; private init; }
    public string? HtmlMessage { get; private init; }
    public IReadOnlyList<(int Code, string Message)> CloudflareErrors { get; private init; } = [];
    public IReadOnlyList<(int Status, string Message, string Source)> Details { get; private init; } = [];
    public IReadOnlyList<(string Id, string? OwnedBy, long? Created, bool OneApiPermission)> Models { get; private init; } = [];
    public bool TokenUsage { get; private init; }

    /// <summary>Every message the answer carries, lower-cased, for matching.</summary>
    public string Lower => ((Message ?? "") + " " + (MessageZh ?? "") + " " + (JsonOrText)).ToLowerInvariant();

    private string JsonOrText => IsJson ? "" : Text;

    public static GatewayAnswer Parse(string? body)
    {
        var text = body ?? "";
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return new GatewayAnswer { Text = text.Length > 4096 ? text[..4096] : text };
        }

        try
        {
            using var document = JsonDocument.Parse(text, ParseOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Read(document.RootElement) : new GatewayAnswer();
        }
        catch (JsonException)
        {
            return new GatewayAnswer { Text = text.Length > 4096 ? text[..4096] : text };
        }
        catch (ArgumentException)
        {
            return new GatewayAnswer();
        }
    }

    private static GatewayAnswer Read(JsonElement root)
    {
        var models = new List<(string, string?, long?, bool)>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in data.EnumerateArray().Take(200))
            {
                if (entry.ValueKind == JsonValueKind.Object)
                {
                    long? created = entry.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var v) ? v : null;
                    var permission = entry.TryGetProperty("permission", out var p) && p.ValueKind == JsonValueKind.Array
                        && p.GetRawText().Contains("modelperm-LwHkVFn8AcMItP432fKKDIKJ", StringComparison.Ordinal);
                    models.Add((Str(entry, "id") ?? "", Str(entry, "owned_by"), created, permission));
                }
            }
        }

        var cloudflare = new List<(int, string)>();
        if (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False
            && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in errors.EnumerateArray().Take(10))
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var code) && code.TryGetInt32(out var n))
                {
                    cloudflare.Add((n, Str(e, "message") ?? ""));
                }
            }
        }

        var details = new List<(int, string, string)>();
        if (Str(root, "code") == "request_failed" && root.TryGetProperty("details", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in list.EnumerateArray().Take(10))
            {
                if (d.ValueKind == JsonValueKind.Object)
                {
                    var status = d.TryGetProperty("statusCode", out var s) && s.TryGetInt32(out var sv) ? sv : 0;
                    details.Add((status, Str(d, "message") ?? "", Str(d, "source") ?? ""));
                }
            }
        }

        var answer = new GatewayAnswer
        {
            IsJson = true,
            Models = models,
            CloudflareErrors = cloudflare,
            Details = details,
            RootStatus = Str(root, "status"),
            HtmlMessage = Str(root, "html-message"),
            TokenUsage = root.TryGetProperty("data", out var usage) && usage.ValueKind == JsonValueKind.Object && Str(usage, "object") == "token_usage",
            Message = root.TryGetProperty("error", out _) ? null : Str(root, "message"),
            Type = root.TryGetProperty("error", out _) ? null : Str(root, "type"),
            FlatErrorObject = Str(root, "object") == "error",
            Code = root.TryGetProperty("error", out _) ? null : Str(root, "code"),
            CodeIsNumber = !root.TryGetProperty("error", out _) && root.TryGetProperty("code", out var rc) && rc.ValueKind == JsonValueKind.Number,
        };

        if (!root.TryGetProperty("error", out var error))
        {
            return answer;
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            return new GatewayAnswer { IsJson = true, ErrorIsString = true, Message = error.GetString() };
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return answer;
        }

        var result = new GatewayAnswer
        {
            IsJson = true,
            Models = models,
            MessageZh = Str(error, "message_zh"),
            Type = Str(error, "type"),
            Code = Str(error, "code"),
            CodeIsNumber = error.TryGetProperty("code", out var ec) && ec.ValueKind == JsonValueKind.Number,
            Param = Str(error, "param"),
            HasOpenRouterMetadata = error.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && (meta.TryGetProperty("provider_name", out _) || meta.TryGetProperty("raw", out _)),
        };

        // LiteLLM writes the message as a string, as a JSON object {"error": "..."} or as a Python repr "{'error': '...'}".
        if (error.TryGetProperty("message", out var message))
        {
            result.Message = message.ValueKind switch
            {
                JsonValueKind.String => Unrepr(message.GetString()),
                JsonValueKind.Object => Str(message, "error") ?? Str(message, "message"),
                _ => null,
            };
        }

        return result;
    }

    private static string? Unrepr(string? message)
    {
        if (message is { Length: > 12 } m && m.StartsWith("{'error': '", StringComparison.Ordinal) && m.EndsWith("'}", StringComparison.Ordinal))
        {
            return m["{'error': '".Length..^2];
        }

        return message;
    }

    private static string? Str(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>True when the code is the status written as text (LiteLLM's ProxyException: <c>"code": "401"</c>).</summary>
    public bool CodeIsStatusText(int status) =>
        !CodeIsNumber && Code == status.ToString(CultureInfo.InvariantCulture);
}

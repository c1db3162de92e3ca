using System.Globalization;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// What a provider's answer body says, read tolerantly from the three error shapes in use:
/// OpenAI <c>{"error":{"message","type","param","code"}}</c>, Anthropic
/// <c>{"type":"error","error":{"type","message"},"request_id"}</c> and Google
/// <c>{"error":{"code","message","status","details":[...]}}</c>, and their non-standard envelopes: a one-element array
/// <c>[{"error":{...}}]</c> (Google's streaming and OpenAI-compatible endpoints), an error whose message is itself a
/// JSON error (read the inner one), and plain text (an edge proxy's sentence, kept as the message). Never throws:
/// garbage yields an empty reader.
/// </summary>
public sealed class ProviderErrorBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowTrailingCommas = true };

    /// <summary>Longest plain-text body kept as the message.</summary>
    private const int MaxPlainTextChars = 300;

    /// <summary>How deep an error inside an error's message is followed.</summary>
    private const int MaxNesting = 2;

    private ProviderErrorBody()
    {
    }

    /// <summary>True when the body was a JSON object.</summary>
    public bool IsJson { get; private init; }

    /// <summary>True when the body was plain text (not JSON, not HTML): <see cref="Message"/> holds its start.</summary>
    public bool IsPlainText { get; private init; }

    /// <summary>True when the error came in a JSON array (<c>[{"error":{...}}]</c>).</summary>
    public bool WasArray { get; private init; }

    /// <summary>True when the error was read from inside another error's message.</summary>
    public bool WasNested { get; private init; }

    /// <summary>True when the body carried an error object (or string).</summary>
    public bool HasError { get; private init; }

    /// <summary>The error message, if any.</summary>
    public string? Message { get; private init; }

    /// <summary>OpenAI <c>error.type</c> or Anthropic <c>error.type</c>.</summary>
    public string? Type { get; private init; }

    /// <summary>OpenAI <c>error.code</c> (a string, or a number written as text).</summary>
    public string? Code { get; private init; }

    /// <summary>OpenAI <c>error.param</c>.</summary>
    public string? Param { get; private init; }

    /// <summary>Google <c>error.status</c> (<c>INVALID_ARGUMENT</c>, <c>PERMISSION_DENIED</c>...).</summary>
    public string? Status { get; private init; }

    /// <summary>Google <c>ErrorInfo.reason</c> from <c>error.details</c> (<c>API_KEY_INVALID</c>...).</summary>
    public string? Reason { get; private init; }

    /// <summary>Google <c>ErrorInfo.metadata</c> (<c>service</c>, <c>quota_limit_value</c>...); empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private init; } = new Dictionary<string, string>();

    /// <summary>Google <c>RetryInfo.retryDelay</c> (<c>"20s"</c>).</summary>
    public string? RetryDelay { get; private init; }

    /// <summary>Google <c>QuotaFailure.violations</c>.</summary>
    public IReadOnlyList<QuotaViolation> QuotaViolations { get; private init; } = [];

    /// <summary>A request id carried in the body (Anthropic <c>request_id</c>).</summary>
    public string? RequestId { get; private init; }

    /// <summary>How many models a list answer holds (<c>data[]</c> or <c>models[]</c>), or null.</summary>
    public int? ModelCount { get; private init; }

    /// <summary>An empty reader: not JSON, nothing known.</summary>
    public static ProviderErrorBody Empty { get; } = new();

    /// <summary>
    /// Reads <paramref name="body"/>: a JSON object, a one-element array around one, a bare array of model objects
    /// (each with an <c>id</c>: Together's <c>GET /v1/models</c>; when <paramref name="truncated"/>, a list cut short by
    /// the read limit still counts, its count unknown), or plain text (kept as the message, <see cref="IsJson"/>
    /// false); returns <see cref="Empty"/> for anything else.
    /// </summary>
    public static ProviderErrorBody Parse(string? body, bool truncated = false) => Parse(body, truncated, 0);

    private static ProviderErrorBody Parse(string? body, bool truncated, int depth)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            return Empty;
        }

        if (trimmed[0] == '[' && ModelArray.Read(body, truncated) is var (complete, count) && count > 0)
        {
            return new ProviderErrorBody { IsJson = true, ModelCount = complete ? count : null };
        }

        if (trimmed[0] is not '{' and not '[')
        {
            return depth == 0 ? PlainText(body) : Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body, ParseOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Read(root, depth);
            }

            // Google's streaming and OpenAI-compatible endpoints answer errors as [{"error":{...}}].
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0
                && root[0] is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("error", out _))
            {
                var read = Read(first, depth);
                return read.HasError ? read.With(wasArray: true) : Empty;
            }

            return Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
        catch (ArgumentException)
        {
            return Empty;
        }
    }

    /// <summary>The message, lower-cased for matching ("" when absent).</summary>
    public string MessageLower => Message?.ToLowerInvariant() ?? "";

    /// <summary>True when the message contains <paramref name="fragment"/> (case-insensitive).</summary>
    public bool MessageContains(string fragment) =>
        Message is not null && Message.Contains(fragment, StringComparison.OrdinalIgnoreCase);

    private static ProviderErrorBody PlainText(string body)
    {
        var text = body.Trim();
        var line = text.Length > MaxPlainTextChars ? text[..MaxPlainTextChars] : text;
        var printable = line.Count(c => !char.IsControl(c) || char.IsWhiteSpace(c));
        if (line[0] == '<' || printable < line.Length * 9 / 10 || line is "null" or "true" or "false"
            || double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return Empty;
        }

        return new ProviderErrorBody { IsPlainText = true, Message = line };
    }

    private ProviderErrorBody With(bool wasArray = false) => new()
    {
        IsJson = IsJson,
        IsPlainText = IsPlainText,
        WasArray = wasArray || WasArray,
        WasNested = WasNested,
        HasError = HasError,
        Message = Message,
        Type = Type,
        Code = Code,
        Param = Param,
        Status = Status,
        Reason = Reason,
        Metadata = Metadata,
        RetryDelay = RetryDelay,
        QuotaViolations = QuotaViolations,
        RequestId = RequestId,
        ModelCount = ModelCount,
    };

    /// <summary>
    /// An error whose message is itself a JSON error (a relay quoting the answer it got, or
    /// <c>"429 Too Many Requests: {...}"</c>): the inner error, with the outer's fields where the inner has none.
    /// </summary>
    private ProviderErrorBody Unnest(int depth)
    {
        if (depth >= MaxNesting || Message is not { } message)
        {
            return this;
        }

        var start = message.IndexOfAny(['{', '[']);
        if (start < 0 || start > 80)
        {
            return this;
        }

        var inner = Parse(message[start..], truncated: false, depth + 1);
        if (!inner.HasError || inner.Message is null)
        {
            return this;
        }

        return new ProviderErrorBody
        {
            IsJson = true,
            WasArray = WasArray || inner.WasArray,
            WasNested = true,
            HasError = true,
            Message = inner.Message,
            Type = inner.Type ?? Type,
            Code = inner.Code ?? Code,
            Param = inner.Param ?? Param,
            Status = inner.Status ?? Status,
            Reason = inner.Reason ?? Reason,
            Metadata = inner.Metadata.Count > 0 ? inner.Metadata : Metadata,
            RetryDelay = inner.RetryDelay ?? RetryDelay,
            QuotaViolations = inner.QuotaViolations.Count > 0 ? inner.QuotaViolations : QuotaViolations,
            RequestId = RequestId ?? inner.RequestId,
        };
    }

    private static ProviderErrorBody Read(JsonElement root, int depth)
    {
        var requestId = StringOf(root, "request_id");
        int? modelCount = ArrayLength(root, "data") ?? ArrayLength(root, "models");

        if (!root.TryGetProperty("error", out var error))
        {
            // Some gateways answer {"message": "..."} or {"detail": "..."} without an error object.
            var loose = StringOf(root, "message") ?? StringOf(root, "detail");
            return new ProviderErrorBody
            {
                IsJson = true,
                HasError = loose is not null && modelCount is null,
                Message = loose,
                Type = StringOf(root, "type") is { } t && t != "error" ? t : null,
                RequestId = requestId,
                ModelCount = modelCount,
            }.Unnest(depth);
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            return new ProviderErrorBody
            {
                IsJson = true,
                HasError = true,
                Message = error.GetString(),
                Type = StringOf(root, "type"),
                RequestId = requestId,
            }.Unnest(depth);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return new ProviderErrorBody { IsJson = true, RequestId = requestId, ModelCount = modelCount };
        }

        string? reason = null;
        string? retryDelay = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var violations = new List<QuotaViolation>();
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (reason is null && StringOf(detail, "reason") is { } detailReason)
                {
                    reason = detailReason;
                    ReadMetadata(detail, metadata);
                }

                retryDelay ??= StringOf(detail, "retryDelay");
                if (detail.TryGetProperty("violations", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var violation in list.EnumerateArray())
                    {
                        if (violation.ValueKind == JsonValueKind.Object && violations.Count < 10)
                        {
                            violations.Add(new QuotaViolation(StringOf(violation, "quotaId"), StringOf(violation, "quotaMetric")));
                        }
                    }
                }
            }
        }

        // Older Google answers carry the reason in error.errors[].reason.
        if (reason is null && error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in errors.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && StringOf(item, "reason") is { } r && r != "forbidden")
                {
                    reason = r;
                    break;
                }
            }
        }

        return new ProviderErrorBody
        {
            IsJson = true,
            HasError = true,
            Message = StringOf(error, "message"),
            Type = StringOf(error, "type"),
            Code = StringOf(error, "code"),
            Param = StringOf(error, "param"),
            Status = StringOf(error, "status"),
            Reason = reason,
            Metadata = metadata,
            RetryDelay = retryDelay,
            QuotaViolations = violations,
            RequestId = requestId,
        }.Unnest(depth);
    }

    private static void ReadMetadata(JsonElement detail, Dictionary<string, string> into)
    {
        if (!detail.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in metadata.EnumerateObject())
        {
            if (into.Count >= 20)
            {
                break;
            }

            if (StringOf(metadata, property.Name) is { } value)
            {
                into[property.Name] = value.Length > 200 ? value[..200] : value;
            }
        }
    }

    private static string? StringOf(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => bool.TrueString.ToLower(CultureInfo.InvariantCulture),
            JsonValueKind.False => bool.FalseString.ToLower(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static int? ArrayLength(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : null;
}

using System.Globalization;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// What a provider's answer body says, read tolerantly from the three error shapes in use:
/// OpenAI <c>{"error":{"message","type","param","code"}}</c>, Anthropic
/// <c>{"type":"error","error":{"type","message"},"request_id"}</c> and Google
/// <c>{"error":{"code","message","status","details":[...]}}</c>. Never throws: garbage yields an empty reader.
/// </summary>
public sealed class ProviderErrorBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowTrailingCommas = true };

    private ProviderErrorBody()
    {
    }

    /// <summary>True when the body was a JSON object.</summary>
    public bool IsJson { get; private init; }

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
    /// Reads <paramref name="body"/>; returns <see cref="Empty"/> for anything that is not a JSON object, except a
    /// bare array of model objects (each with an <c>id</c>), which some providers answer for their model list
    /// (Together's <c>GET /v1/models</c>). When <paramref name="truncated"/>, such a list cut short by the read limit
    /// still counts as a model list (its count unknown).
    /// </summary>
    public static ProviderErrorBody Parse(string? body, bool truncated = false)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        var trimmed = body.AsSpan().TrimStart();
        if (!trimmed.IsEmpty && trimmed[0] == '[')
        {
            return ModelArray.Read(body, truncated) is var (complete, count) && count > 0
                ? new ProviderErrorBody { IsJson = true, ModelCount = complete ? count : null }
                : Empty;
        }

        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body, ParseOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Read(document.RootElement) : Empty;
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

    private static ProviderErrorBody Read(JsonElement root)
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
            };
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
            };
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return new ProviderErrorBody { IsJson = true, RequestId = requestId, ModelCount = modelCount };
        }

        string? reason = null;
        string? retryDelay = null;
        var violations = new List<QuotaViolation>();
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                reason ??= StringOf(detail, "reason");
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
            RetryDelay = retryDelay,
            QuotaViolations = violations,
            RequestId = requestId,
        };
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

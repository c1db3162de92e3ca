using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Builds the evidence of a probe answer: status, request id, what the body said, rate-limit headroom and the
/// account headers providers echo. Keys are snake_case (docs/contract.md, JSON).
/// </summary>
public static class ProviderEvidence
{
    /// <summary>Longest provider message or body excerpt kept.</summary>
    public const int MaxExcerptChars = 300;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "x-goog-request-id", "x-amzn-requestid", "apim-request-id"];

    private static readonly (string Header, string Key)[] HeadroomHeaders =
    [
        ("x-ratelimit-limit-requests", "ratelimit_limit_requests"),
        ("x-ratelimit-remaining-requests", "ratelimit_remaining_requests"),
        ("x-ratelimit-reset-requests", "ratelimit_reset_requests"),
        ("x-ratelimit-limit-tokens", "ratelimit_limit_tokens"),
        ("x-ratelimit-remaining-tokens", "ratelimit_remaining_tokens"),
        ("x-ratelimit-reset-tokens", "ratelimit_reset_tokens"),
        ("anthropic-ratelimit-requests-limit", "ratelimit_limit_requests"),
        ("anthropic-ratelimit-requests-remaining", "ratelimit_remaining_requests"),
        ("anthropic-ratelimit-requests-reset", "ratelimit_reset_requests"),
        ("anthropic-ratelimit-tokens-limit", "ratelimit_limit_tokens"),
        ("anthropic-ratelimit-tokens-remaining", "ratelimit_remaining_tokens"),
        ("anthropic-ratelimit-tokens-reset", "ratelimit_reset_tokens"),
        ("anthropic-ratelimit-input-tokens-remaining", "ratelimit_remaining_input_tokens"),
        ("anthropic-ratelimit-input-tokens-reset", "ratelimit_reset_input_tokens"),
        ("anthropic-ratelimit-output-tokens-remaining", "ratelimit_remaining_output_tokens"),
        ("retry-after", "retry_after"),
        ("openai-organization", "openai_organization"),
        ("openai-project", "openai_project"),
        ("anthropic-organization-id", "anthropic_organization_id"),
        ("cf-ray", "cf_ray"),
        ("server", "server"),
    ];

    /// <summary>The evidence every answer carries.</summary>
    public static JsonObject Build(ProbeResponse response, ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);

        var evidence = new JsonObject
        {
            ["status"] = response.Status,
            ["elapsed_ms"] = (long)response.Elapsed.TotalMilliseconds,
        };

        if (RequestId(response, body) is { } requestId)
        {
            evidence["request_id"] = requestId;
        }

        AddIfPresent(evidence, "error_type", body.Type);
        AddIfPresent(evidence, "error_code", body.Code);
        AddIfPresent(evidence, "error_status", body.Status);
        AddIfPresent(evidence, "reason", body.Reason);
        AddIfPresent(evidence, "error_param", body.Param is null ? null : EchoMask.Apply(body.Param)); // a gateway may echo the whole key here
        if (body.Message is { } message)
        {
            evidence["provider_message"] = Truncate(EchoMask.Apply(message), MaxExcerptChars);
        }

        if (body.RetryDelay is { } delay)
        {
            evidence["retry_delay"] = delay;
        }

        if (body.QuotaViolations.Count > 0)
        {
            var list = new JsonArray();
            foreach (var violation in body.QuotaViolations)
            {
                var item = new JsonObject();
                AddIfPresent(item, "quota_id", violation.QuotaId);
                AddIfPresent(item, "quota_metric", violation.QuotaMetric);
                list.Add((JsonNode)item); // the JsonNode overload: Add<T> would wrap a value by reflection
            }

            evidence["quota_violations"] = list;
        }

        if (body.ModelCount is { } count)
        {
            evidence["model_count"] = count;
        }

        foreach (var (header, key) in HeadroomHeaders)
        {
            if (!evidence.ContainsKey(key) && response.Header(header) is { Length: > 0 } value)
            {
                evidence[key] = Truncate(value, 120);
            }
        }

        if (response.BodyTruncated)
        {
            evidence["body_truncated"] = true;
        }

        return evidence;
    }

    /// <summary>The provider's request id, from the usual headers or the body.</summary>
    public static string? RequestId(ProbeResponse response, ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var header in RequestIdHeaders)
        {
            if (response.Header(header) is { Length: > 0 } value)
            {
                return Truncate(value, 120);
            }
        }

        return body?.RequestId;
    }

    /// <summary>A short, single-line excerpt of a body for evidence and details.</summary>
    public static string Excerpt(string? text, int maxChars = MaxExcerptChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var span = text.AsSpan(0, Math.Min(text.Length, maxChars * 4));
        var builder = new System.Text.StringBuilder(Math.Min(span.Length, maxChars));
        var lastWasSpace = true;
        foreach (var c in span)
        {
            if (builder.Length >= maxChars)
            {
                break;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var result = builder.ToString().Trim();
        return text.Length > span.Length || result.Length >= maxChars ? result + "…" : result;
    }

    /// <summary>At most <paramref name="maxChars"/> characters, with an ellipsis when cut.</summary>
    public static string Truncate(string value, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= maxChars ? value : string.Concat(value.AsSpan(0, maxChars - 1), "…");
    }

    /// <summary>A provider message quoted briefly for a detail sentence.</summary>
    public static string Quote(string? message, int maxChars = 160) =>
        message is null ? "" : string.Create(CultureInfo.InvariantCulture, $"“{Excerpt(EchoMask.Apply(message), maxChars)}”");

    private static void AddIfPresent(JsonObject evidence, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            evidence[key] = Truncate(value, 200);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// The parts of reading an answer that every provider shares: success, proxies and block pages in the way, HTML
/// where JSON was expected, and what a status means when the body says nothing recognisable.
/// </summary>
public static class ProbeAnswer
{
    private static readonly string[] ProxyMarkers =
    [
        "zscaler", "squid", "websense", "forcepoint", "fortiguard", "fortigate", "blue coat", "bluecoat", "symantec web",
        "mcafee web gateway", "netskope", "palo alto networks", "sophos", "barracuda", "web filter", "proxy authentication",
        "cisco umbrella", "checkpoint", "check point",
    ];

    /// <summary>The stage a probe reports under.</summary>
    public static DiagnosticStage StageOf(ProbeKind kind) => kind switch
    {
        ProbeKind.Model => DiagnosticStage.Model,
        ProbeKind.Deep => DiagnosticStage.Deep,
        _ => DiagnosticStage.Auth,
    };

    /// <summary>A finding made from the provider's answer (title and steps from the catalog).</summary>
    public static Finding Make(string code, DiagnosticStage stage, ProviderId provider, string detail, JsonObject evidence) =>
        Finding.Create(code, stage, provider, detail, evidence) with { FromProviderAnswer = true };

    /// <summary>
    /// Findings that do not depend on the provider's error vocabulary: a success, a proxy or filter in the way, an
    /// HTML page. Null when the provider-specific reading should go on.
    /// </summary>
    public static IReadOnlyList<Finding>? ProviderNeutralFindings(
        ProbeResponse response, ProbeContext context, ProviderErrorBody body, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);

        var name = context.Provider.DisplayName();
        var stage = StageOf(context.Kind);

        if (ProxyEvidence(response) is { } proxy)
        {
            evidence["proxy_sign"] = proxy;
            if (response.LooksLikeHtml || !body.IsJson)
            {
                evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
            }

            return [Make(VerdictCodes.NetworkProxy, DiagnosticStage.Network, context.Provider,
                $"The answer came from a proxy or web filter, not from {name} (HTTP {response.Status}, {proxy}).", evidence)];
        }

        var success = response.Status is >= 200 and < 300;
        if (success && !response.LooksLikeHtml && body.IsJson && !(body.HasError && body.ModelCount is null && body.Message is not null))
        {
            // An account check's success carries facts (credits left, a blocked key) only its provider can read.
            return context.Kind == ProbeKind.Account ? null : [Pass(response, context, body, evidence)];
        }

        if (response.LooksLikeHtml)
        {
            evidence["body_excerpt"] = ProviderEvidence.Excerpt(StripTags(response.Body));
            var title = HtmlTitle(response.Body);
            if (title is not null)
            {
                evidence["html_title"] = title;
            }

            var what = title is null ? "an HTML page" : $"an HTML page titled “{title}”";
            if (response.Status == 403 && IsGoogleFrontEndPage(response.Body, title))
            {
                // Google's front end ("Error 403 (Forbidden)!!1", robot.png) refused the caller before the API saw
                // the request or the key: its answer to networks it does not serve (hosting ranges, some countries).
                evidence["refused_by"] = "google-front-end";
                return [Make(VerdictCodes.NetworkIpNotAllowed, DiagnosticStage.Egress, context.Provider,
                    $"Google's front end refused this network with {what} (HTTP 403) before {name} judged the key; the same key may work from another network.", evidence)];
            }

            if (response.Status is >= 500 and < 600)
            {
                return [Make(VerdictCodes.ProviderServerError, stage, context.Provider,
                    $"{name} (or the gateway in front of it) answered {response.Status} with {what}.", evidence)];
            }

            var where = context.CustomBaseUrl
                ? " Check the base URL: it may point at a web page rather than the API."
                : " Something between here and the API (a portal, filter or block page) answered instead.";
            return [Make(VerdictCodes.ProviderUnexpected, stage, context.Provider,
                $"Expected JSON from {name} but got {what} (HTTP {response.Status}).{where}", evidence)];
        }

        if (success && !body.IsJson)
        {
            evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
            return [Make(VerdictCodes.ProviderUnexpected, stage, context.Provider,
                string.IsNullOrWhiteSpace(response.Body)
                    ? $"{name} answered {response.Status} with an empty body where JSON was expected."
                    : $"{name} answered {response.Status} but the body is not JSON.", evidence)];
        }

        return null;
    }

    /// <summary>
    /// What the status alone suggests when the body was not recognised. Used last: "status alone lies".
    /// </summary>
    public static Finding ByStatus(ProbeResponse response, ProbeContext context, ProviderErrorBody body, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);

        var name = context.Provider.DisplayName();
        var stage = StageOf(context.Kind);
        var said = body.Message is null ? "" : $": {ProviderEvidence.Quote(body.Message)}";
        if (!body.IsJson && !string.IsNullOrWhiteSpace(response.Body))
        {
            evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
            said = $": {ProviderEvidence.Quote(response.Body)}";
        }

        return response.Status switch
        {
            401 when body.HasError => Make(VerdictCodes.AuthInvalidKey, stage, context.Provider,
                $"{name} answered 401 (not authenticated){said}", evidence),
            403 when body.HasError => Make(VerdictCodes.AuthPermissionDenied, stage, context.Provider,
                $"{name} answered 403 (forbidden){said}", evidence),
            404 when context.Kind != ProbeKind.Auth && body.HasError => Make(VerdictCodes.ModelNotFound, stage, context.Provider,
                $"{name} answered 404 for {ModelName(context)}{said}", evidence),
            429 => Make(VerdictCodes.RateLimited, stage, context.Provider,
                $"{name} answered 429 (too many requests){said}", evidence),
            400 or 413 or 422 when body.HasError => Make(VerdictCodes.RequestInvalid, stage, context.Provider,
                $"{name} rejected the request ({response.Status}){said}", evidence),
            529 => Make(VerdictCodes.ProviderOverloaded, stage, context.Provider, $"{name} is overloaded (529){said}", evidence),
            >= 500 and < 600 => Make(VerdictCodes.ProviderServerError, stage, context.Provider,
                $"{name} answered {response.Status} (server error){said}", evidence),
            _ => Unexpected(response, context, evidence),
        };
    }

    /// <summary>An answer nobody recognises: status and a short excerpt.</summary>
    public static Finding Unexpected(ProbeResponse response, ProbeContext context, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(evidence);

        evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
        var hint = response.Status == 404 && context.Kind == ProbeKind.Auth
            ? context.CustomBaseUrl ? " The base URL's path may be wrong (a missing or doubled /v1)." : " The API path was not found."
            : "";
        var excerpt = string.IsNullOrWhiteSpace(response.Body) ? "an empty body" : ProviderEvidence.Quote(response.Body, 120);
        return Make(VerdictCodes.ProviderUnexpected, StageOf(context.Kind), context.Provider,
            string.Create(CultureInfo.InvariantCulture,
                $"{context.Provider.DisplayName()} answered HTTP {response.Status} with {excerpt}.{hint}"),
            evidence);
    }

    /// <summary>The finding for a reader that failed (a bug): never thrown at the caller.</summary>
    public static Finding Failed(ProbeResponse response, ProbeContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var evidence = new JsonObject
        {
            ["status"] = response?.Status ?? 0,
            ["classifier_error"] = exception.GetType().Name,
        };
        if (response is not null)
        {
            evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
        }

        return Make(VerdictCodes.ProviderUnexpected, StageOf(context?.Kind ?? ProbeKind.Auth), context?.Provider ?? ProviderId.OpenAI,
            $"The answer (HTTP {response?.Status ?? 0}) could not be read.", evidence);
    }

    /// <summary>"model `x`" or "the model" for details.</summary>
    public static string ModelName(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.IsNullOrWhiteSpace(context.Model) ? "the model" : $"model `{ProviderEvidence.Truncate(context.Model.Trim(), 80)}`";
    }

    private static Finding Pass(ProbeResponse response, ProbeContext context, ProviderErrorBody body, JsonObject evidence)
    {
        var name = context.Provider.DisplayName();
        var (stage, title, detail) = context.Kind switch
        {
            ProbeKind.Model => (DiagnosticStage.Model, "The key may use the model", $"{name} knows {ModelName(context)} and lets this key read it."),
            ProbeKind.Deep => (DiagnosticStage.Deep, "A 1-token request worked", $"{name} answered a 1-token request with {ModelName(context)}: there is quota left."),
            _ => (DiagnosticStage.Auth, "The key works", body.ModelCount is { } count
                ? string.Create(CultureInfo.InvariantCulture, $"{name} accepted the key and listed {count} {(count == 1 ? "model" : "models")}.")
                : $"{name} accepted the key (HTTP {response.Status})."),
        };
        return Finding.Pass(stage, title, detail, evidence) with { FromProviderAnswer = true };
    }

    private static string? ProxyEvidence(ProbeResponse response)
    {
        if (response.Status == 407)
        {
            return "status 407 Proxy Authentication Required";
        }

        if (response.Header("Proxy-Authenticate") is not null)
        {
            return "a Proxy-Authenticate header";
        }

        if (response.Header("X-Squid-Error") is { } squid)
        {
            return $"X-Squid-Error: {ProviderEvidence.Truncate(squid, 60)}";
        }

        foreach (var header in response.Headers.Keys)
        {
            if (header.StartsWith("x-zscaler", StringComparison.OrdinalIgnoreCase)
                || header.StartsWith("x-bluecoat", StringComparison.OrdinalIgnoreCase)
                || header.StartsWith("x-fortinet", StringComparison.OrdinalIgnoreCase))
            {
                return $"a {header} header";
            }
        }

        foreach (var headerName in (string[])["Server", "Via"])
        {
            if (response.Header(headerName) is { } value && ContainsMarker(value) is { } marker)
            {
                return $"{headerName}: {marker}";
            }
        }

        if (!response.LooksLikeHtml)
        {
            return null;
        }

        var head = response.Body.Length > 16_384 ? response.Body[..16_384] : response.Body;
        if (ContainsMarker(head) is { } bodyMarker)
        {
            return $"a block page mentioning {bodyMarker}";
        }

        var fromCloudflare = head.Contains("cloudflare", StringComparison.OrdinalIgnoreCase)
            || (response.Header("Server")?.Contains("cloudflare", StringComparison.OrdinalIgnoreCase) ?? false);
        if (!fromCloudflare && (head.Contains("access denied", StringComparison.OrdinalIgnoreCase)
            || head.Contains("web page blocked", StringComparison.OrdinalIgnoreCase)
            || head.Contains("site blocked", StringComparison.OrdinalIgnoreCase)))
        {
            return "an “Access Denied” block page";
        }

        return null;
    }

    private static string? ContainsMarker(string text)
    {
        foreach (var marker in ProxyMarkers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return marker;
            }
        }

        return null;
    }

    /// <summary>Google's own error page template: a title "Error NNN (…)!!1" and the robot image.</summary>
    private static bool IsGoogleFrontEndPage(string body, string? title) =>
        (title?.StartsWith("Error ", StringComparison.Ordinal) == true && title.EndsWith("!!1", StringComparison.Ordinal))
        || body.Contains("www.google.com/images/errors/robot.png", StringComparison.OrdinalIgnoreCase);

    private static string? HtmlTitle(string body)
    {
        var start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        start += "<title>".Length;
        var end = body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0 || end - start > 200)
        {
            return null;
        }

        var title = ProviderEvidence.Excerpt(body[start..end], 120);
        return title.Length == 0 ? null : title;
    }

    private static string StripTags(string body)
    {
        var text = body.Length > 16_384 ? body[..16_384] : body;
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, 4096));
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<')
            {
                inTag = true;
                builder.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }

            if (builder.Length > 4096)
            {
                break;
            }
        }

        return builder.ToString();
    }
}

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// The upstream's cause, as a contract code, from the upstream's own words a gateway relayed (its message, type and
/// code, and the exception class LiteLLM names). The most specific wording first; the status last.
/// </summary>
internal static class UpstreamCause
{
    public static string Of(string text, int status)
    {
        var t = (text ?? "").ToLowerInvariant();
        bool Has(params string[] fragments) => fragments.Any(f => t.Contains(f, StringComparison.Ordinal));

        if (Has("invalid bearer token", "no api key", "didn't provide an api key", "did not provide an api key", "missing_api_key",
            "x-api-key header is required"))
        {
            return VerdictCodes.AuthMissingKey;
        }

        if (Has("country, region, or territory", "unsupported_country_region_territory", "not available in your region",
            "user location is not supported", "request not allowed from your region"))
        {
            return VerdictCodes.RegionUnsupported;
        }

        if (Has("insufficient_quota", "exceeded your current quota", "usage limits", "credit balance is too low", "billing hard limit",
            "insufficient balance", "quota exceeded for quota metric"))
        {
            return VerdictCodes.QuotaExhausted;
        }

        if (Has("key based authentication is disabled", "permissiondeniederror", "permission_denied", "does not have permission"))
        {
            return VerdictCodes.AuthPermissionDenied;
        }

        if (Has("incorrect api key", "invalid api key", "invalid_api_key", "invalid x-api-key", "invalid subscription key",
            "api key not valid", "authentication_error", "authenticationerror", "api_key_invalid"))
        {
            return VerdictCodes.AuthInvalidKey;
        }

        if (Has("overloaded"))
        {
            return VerdictCodes.ProviderOverloaded;
        }

        if (Has("rate limit", "rate_limit", "ratelimiterror", "too many requests", "requests per", "tokens per"))
        {
            return VerdictCodes.RateLimited;
        }

        if (Has("model_not_found", "notfounderror", "does not exist"))
        {
            return VerdictCodes.ModelNotFound;
        }

        if (Has("network connection lost", "apiconnectionerror", "connection refused", "connection reset"))
        {
            return VerdictCodes.NetworkConnectFailed;
        }

        if (Has("internalservererror", "serviceunavailableerror", "server_error", "bad gateway"))
        {
            return VerdictCodes.ProviderServerError;
        }

        if (Has("badrequesterror", "invalid_request_error", "unprocessableentityerror"))
        {
            return VerdictCodes.RequestInvalid;
        }

        return ByStatus(status);
    }

    /// <summary>What an upstream status alone says (one-api's <c>bad_response_status_code</c> carries it in <c>param</c>).</summary>
    public static string ByStatus(int status) => status switch
    {
        401 => VerdictCodes.AuthInvalidKey,
        403 => VerdictCodes.AuthPermissionDenied,
        404 => VerdictCodes.ModelNotFound,
        429 => VerdictCodes.RateLimited,
        529 => VerdictCodes.ProviderOverloaded,
        400 or 422 => VerdictCodes.RequestInvalid,
        _ => VerdictCodes.ProviderServerError,
    };

    /// <summary>"rejected the gateway's own key": what the upstream did, for a sentence naming both.</summary>
    public static string Phrase(string upstreamCode) => upstreamCode switch
    {
        VerdictCodes.AuthInvalidKey => "rejected the gateway's own key",
        VerdictCodes.AuthMissingKey => "got no key of its own from the gateway (the gateway has none configured for it)",
        VerdictCodes.AuthPermissionDenied => "refused the gateway's credentials for this",
        VerdictCodes.QuotaExhausted => "says the gateway's own account has no credit or quota left",
        VerdictCodes.RateLimited => "is rate-limiting the gateway",
        VerdictCodes.RegionUnsupported => "refuses the gateway's region (the gateway's egress, not yours)",
        VerdictCodes.ProviderOverloaded => "is overloaded",
        VerdictCodes.ModelNotFound => "does not know the model the gateway sent it",
        VerdictCodes.NetworkConnectFailed => "could not be reached by the gateway (connection lost)",
        _ => "failed (server error)",
    };
}

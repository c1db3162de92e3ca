using System.Net.Http.Headers;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// xAI: the leaked key names itself. <c>GET /v1/api-key</c> with it (on the inference API, https://docs.x.ai/docs/api-reference)
/// answers its <c>api_key_id</c> and <c>team_id</c>; then the management API (https://docs.x.ai/docs/management-api,
/// <c>Authorization: Bearer</c> with a management key) deletes it: <c>DELETE /auth/api-keys/{apiKeyId}</c>.
/// </summary>
public sealed class XAIKeyRevoker(IHttpClientFactory httpClientFactory) : IKeyRevoker, IUsesApiHost
{
    public ProviderId Provider => ProviderId.XAI;

    public Uri DefaultAdminBaseUrl { get; } = new("https://management-api.x.ai");

    public Uri DefaultApiBaseUrl { get; } = new("https://api.x.ai");

    public async Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = new AdminApi(httpClientFactory.CreateClient(AdminApi.HttpClientName));
        var result = new RevocationResult(Provider, RevocationOutcome.Failed, request.KeyShown);

        var own = await api.SendAsync(Bearer(AdminApi.Get(ProviderUrls.CombineV1(request.ApiBaseUrl, "/api-key")), request.LeakedKey), cancellationToken).ConfigureAwait(false);
        if (own.Status is 400 or 401)
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = $"xAI already refuses the key ({own.Status})" };
        }

        if (!own.IsSuccess)
        {
            return result with { Detail = $"xAI answered {own.Status} when asked which key it is" };
        }

        var info = AdminApi.Read(own, RevocationJsonContext.Default.XAIKeyInfoJson);
        if (string.IsNullOrWhiteSpace(info.ApiKeyId))
        {
            return result with { Outcome = RevocationOutcome.NotFound, Detail = "xAI did not say which key it is" };
        }

        result = result with { Where = info.TeamId is null ? null : $"team {info.TeamId}", KeyName = info.Name };
        if (request.DryRun)
        {
            return result with { Outcome = RevocationOutcome.WouldRevoke };
        }

        var deleted = await api.SendAsync(Bearer(AdminApi.Delete(ProviderUrls.Combine(request.AdminBaseUrl, "/auth/api-keys/" + Uri.EscapeDataString(info.ApiKeyId))), request.AdminKey), cancellationToken).ConfigureAwait(false);
        return deleted.Status switch
        {
            >= 200 and < 300 => result with { Outcome = RevocationOutcome.Revoked },
            404 => result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "xAI no longer has that key (404)" },
            401 or 403 => result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = $"xAI refused the management key ({deleted.Status}): it must be a management key of the key's team, allowed to manage API keys" },
            _ => result with { Detail = $"xAI's management API answered {deleted.Status}" },
        };
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}

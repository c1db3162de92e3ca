using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// OpenRouter (https://openrouter.ai/docs/features/provisioning-api-keys): with a management key, <c>GET /api/v1/keys</c>
/// lists the enabled keys, 100 a page (<c>offset</c>); a key matches by its masked <c>label</c>
/// (<c>sk-or-v1-0e6...1c96</c>), or by a <c>hash</c> equal to the SHA-256 of the key (not documented: used only
/// when it holds). Revoked only when exactly one key fits: <c>DELETE /api/v1/keys/{hash}</c>.
/// </summary>
public sealed class OpenRouterKeyRevoker(IHttpClientFactory httpClientFactory) : IKeyRevoker
{
    private const int PageSize = 100;
    private const int MaxPages = 100;

    public ProviderId Provider => ProviderId.OpenRouter;

    public Uri DefaultAdminBaseUrl { get; } = new("https://openrouter.ai/api");

    public async Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = new AdminApi(httpClientFactory.CreateClient(AdminApi.HttpClientName));
        var result = new RevocationResult(Provider, RevocationOutcome.Failed, request.KeyShown);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.LeakedKey)));

        var keys = new List<OpenRouterKeyJson>();
        for (var page = 0; page < MaxPages; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"offset={page * PageSize}");
            var answer = await api.SendAsync(Bearer(AdminApi.Get(AdminApi.WithQuery(ProviderUrls.CombineV1(request.AdminBaseUrl, "/keys"), query)), request.AdminKey), cancellationToken).ConfigureAwait(false);
            if (answer.Status is 401 or 403)
            {
                return result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = $"OpenRouter refused the management key ({answer.Status}): it must be a management (provisioning) key of the account" };
            }

            if (!answer.IsSuccess)
            {
                return result with { Detail = $"OpenRouter answered {answer.Status}" };
            }

            var list = AdminApi.Read(answer, RevocationJsonContext.Default.OpenRouterKeysJson);
            keys.AddRange(list.Data.Where(k => !k.Disabled));
            if (list.Data.Count < PageSize)
            {
                break;
            }
        }

        var byHash = keys.Where(k => string.Equals(k.Hash, sha, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = byHash.Count == 1 ? byHash : keys.Where(k => MaskedKey.Fits(k.Label, request.LeakedKey)).ToList();
        if (matches.Count == 0)
        {
            return result with { Outcome = RevocationOutcome.NotFound, Detail = string.Create(CultureInfo.InvariantCulture, $"none of the account's {keys.Count} enabled key(s) fits it") };
        }

        if (matches.Count > 1)
        {
            return result with { Outcome = RevocationOutcome.Ambiguous, Detail = string.Create(CultureInfo.InvariantCulture, $"{matches.Count} keys fit what OpenRouter shows of it") };
        }

        var key = matches[0];
        result = result with { Where = "the OpenRouter account of the management key", KeyName = key.Name };
        if (request.DryRun)
        {
            return result with { Outcome = RevocationOutcome.WouldRevoke };
        }

        var deleted = await api.SendAsync(Bearer(AdminApi.Delete(ProviderUrls.CombineV1(request.AdminBaseUrl, "/keys/" + Uri.EscapeDataString(key.Hash))), request.AdminKey), cancellationToken).ConfigureAwait(false);
        return deleted.Status switch
        {
            >= 200 and < 300 => result with { Outcome = RevocationOutcome.Revoked },
            404 => result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "OpenRouter no longer has that key (404)" },
            401 or 403 => result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = $"OpenRouter refused the management key ({deleted.Status})" },
            _ => result with { Detail = $"the delete answered {deleted.Status}" },
        };
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}

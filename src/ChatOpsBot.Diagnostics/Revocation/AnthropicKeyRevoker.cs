using System.Globalization;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Anthropic's Admin API (https://docs.anthropic.com/en/api/admin-api/apikeys/list-api-keys): the admin key's
/// organisation (<c>GET /v1/organizations/me</c>) must be the leaked key's (the <c>anthropic-organization-id</c>
/// header of its own answer); the active keys are listed (<c>after_id</c>/<c>has_more</c>/<c>last_id</c>) and
/// <c>partial_key_hint</c> matched. The hint shows only a few random characters, so when more than one key fits
/// nothing is done. The key is then set inactive (<c>POST /v1/organizations/api_keys/{id}</c>, <c>{"status":"inactive"}</c>):
/// the Admin API deletes no key, and an inactive key can be turned back on.
/// </summary>
public sealed class AnthropicKeyRevoker(IHttpClientFactory httpClientFactory) : IKeyRevoker
{
    public const string Version = "2023-06-01";
    private const int MaxPages = 100;

    public ProviderId Provider => ProviderId.Anthropic;

    public Uri DefaultAdminBaseUrl { get; } = new("https://api.anthropic.com");

    public async Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = new AdminApi(httpClientFactory.CreateClient(AdminApi.HttpClientName));
        var result = new RevocationResult(Provider, RevocationOutcome.Failed, request.KeyShown);

        var me = await api.SendAsync(Keyed(AdminApi.Get(ProviderUrls.CombineV1(request.AdminBaseUrl, "/organizations/me")), request.AdminKey), cancellationToken).ConfigureAwait(false);
        if (Refused(me, result) is { } refusedMe)
        {
            return refusedMe;
        }

        var organization = AdminApi.Read(me, RevocationJsonContext.Default.AnthropicOrganizationJson);

        var own = await api.SendAsync(Keyed(AdminApi.Get(ProviderUrls.CombineV1(request.ApiBaseUrl, "/models")), request.LeakedKey), cancellationToken).ConfigureAwait(false);
        if (own.Status == 401)
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "Anthropic already refuses the key (401)" };
        }

        if (own.Header("anthropic-organization-id") is { Length: > 0 } keyOrganization && !string.Equals(keyOrganization, organization.Id, StringComparison.OrdinalIgnoreCase))
        {
            return result with { Outcome = RevocationOutcome.OtherOrganization, Detail = $"the key belongs to another Anthropic organisation than the admin key's ({organization.Name ?? organization.Id})" };
        }

        var matches = new List<AnthropicKeyJson>();
        var listed = 0;
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = "limit=1000&status=active" + (after is null ? "" : "&after_id=" + Uri.EscapeDataString(after));
            var answer = await api.SendAsync(Keyed(AdminApi.Get(AdminApi.WithQuery(ProviderUrls.CombineV1(request.AdminBaseUrl, "/organizations/api_keys"), query)), request.AdminKey), cancellationToken).ConfigureAwait(false);
            if (Refused(answer, result) is { } refused)
            {
                return refused;
            }

            var list = AdminApi.Read(answer, RevocationJsonContext.Default.AdminPageAnthropicKeyJson);
            listed += list.Data.Count;
            matches.AddRange(list.Data.Where(k => MaskedKey.Fits(k.PartialKeyHint, request.LeakedKey)));
            if (!list.HasMore || list.LastId is null)
            {
                break;
            }

            after = list.LastId;
        }

        if (matches.Count == 0)
        {
            return result with { Outcome = RevocationOutcome.NotFound, Detail = string.Create(CultureInfo.InvariantCulture, $"none of the organisation's {listed} active key(s) fits it") };
        }

        if (matches.Count > 1)
        {
            return result with
            {
                Outcome = RevocationOutcome.Ambiguous,
                Detail = string.Create(CultureInfo.InvariantCulture, $"{matches.Count} active keys fit what Anthropic shows of it ({string.Join(", ", matches.Select(m => m.Name ?? m.Id))})"),
            };
        }

        var key = matches[0];
        result = result with
        {
            Where = key.WorkspaceId is null ? "the default workspace" : $"workspace {key.WorkspaceId}",
            KeyName = key.Name,
            Undo = $"an admin can turn it back on in the Console's API keys page (https://console.anthropic.com/settings/keys), or with the Admin API: POST /v1/organizations/api_keys/{key.Id} with {{\"status\":\"active\"}}",
        };
        if (request.DryRun)
        {
            return result with { Outcome = RevocationOutcome.WouldRevoke };
        }

        var update = AdminApi.Send(HttpMethod.Post, ProviderUrls.CombineV1(request.AdminBaseUrl, "/organizations/api_keys/" + Uri.EscapeDataString(key.Id)), """{"status":"inactive"}""");
        var updated = await api.SendAsync(Keyed(update, request.AdminKey), cancellationToken).ConfigureAwait(false);
        if (updated.IsSuccess)
        {
            return result with { Outcome = RevocationOutcome.Deactivated };
        }

        if (updated.Status == 404)
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Undo = null, Detail = "Anthropic no longer has that key (404)" };
        }

        return (Refused(updated, result) ?? result) with { Undo = null };
    }

    private static HttpRequestMessage Keyed(HttpRequestMessage request, string key)
    {
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", Version);
        return request;
    }

    private static RevocationResult? Refused(AdminAnswer answer, RevocationResult result) => answer.Status switch
    {
        >= 200 and < 300 => null,
        401 or 403 => result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = $"Anthropic refused the admin key ({answer.Status}): it must be an Admin API key (sk-ant-admin01-…) of the organisation" },
        _ => result with { Outcome = RevocationOutcome.Failed, Detail = $"Anthropic's Admin API answered {answer.Status}" },
    };
}

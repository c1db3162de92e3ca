using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// OpenAI's Admin API (https://platform.openai.com/docs/api-reference/project-api-keys): no lookup by value, so the
/// projects and their keys are listed (paginated by <c>after</c>/<c>has_more</c>/<c>last_id</c>, with
/// <c>owner_project_access=any</c> so no enabled key is hidden) and <c>redacted_value</c> is matched; the project named
/// by the key's own <c>openai-project</c> answer header is listed first. Every project is listed even after a match:
/// a key is revoked only when exactly one fits. Then <c>DELETE /v1/organization/projects/{project}/api_keys/{id}</c>;
/// a service account's key that the API refuses to delete goes with its service account (which holds only that key).
/// </summary>
public sealed class OpenAIKeyRevoker(IHttpClientFactory httpClientFactory) : IKeyRevoker
{
    private const int PageLimit = 100;
    private const int MaxPages = 200;

    public ProviderId Provider => ProviderId.OpenAI;

    public Uri DefaultAdminBaseUrl { get; } = new("https://api.openai.com");

    public async Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = new AdminApi(httpClientFactory.CreateClient(AdminApi.HttpClientName));
        var result = new RevocationResult(Provider, RevocationOutcome.Failed, request.KeyShown);

        // The leaked key's own answer: a 401 means there is nothing left to revoke; its header names its project.
        var own = await api.SendAsync(Bearer(AdminApi.Get(ProviderUrls.CombineV1(request.ApiBaseUrl, "/models")), request.LeakedKey), cancellationToken).ConfigureAwait(false);
        if (own.Status == 401)
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "OpenAI already refuses the key (401)" };
        }

        var hinted = own.Header("openai-project");
        var projects = new List<OpenAIProjectJson>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = $"limit={PageLimit}&include_archived=false" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var answer = await api.SendAsync(Bearer(AdminApi.Get(AdminApi.WithQuery(ProviderUrls.CombineV1(request.AdminBaseUrl, "/organization/projects"), query)), request.AdminKey), cancellationToken).ConfigureAwait(false);
            if (Refused(answer, result) is { } refused)
            {
                return refused;
            }

            var list = AdminApi.Read(answer, RevocationJsonContext.Default.AdminPageOpenAIProjectJson);
            projects.AddRange(list.Data);
            if (!list.HasMore || list.LastId is null)
            {
                break;
            }

            after = list.LastId;
        }

        var ordered = projects.OrderBy(p => string.Equals(p.Id, hinted, StringComparison.Ordinal) ? 0 : 1).ToList();
        var matches = new List<(OpenAIProjectJson Project, OpenAIProjectKeyJson Key)>();
        foreach (var project in ordered)
        {
            after = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var query = $"limit={PageLimit}&owner_project_access=any" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
                var path = $"/organization/projects/{Uri.EscapeDataString(project.Id)}/api_keys";
                var answer = await api.SendAsync(Bearer(AdminApi.Get(AdminApi.WithQuery(ProviderUrls.CombineV1(request.AdminBaseUrl, path), query)), request.AdminKey), cancellationToken).ConfigureAwait(false);
                if (Refused(answer, result) is { } refused)
                {
                    return refused;
                }

                var list = AdminApi.Read(answer, RevocationJsonContext.Default.AdminPageOpenAIProjectKeyJson);
                matches.AddRange(list.Data.Where(k => MaskedKey.Fits(k.RedactedValue, request.LeakedKey)).Select(k => (project, k)));
                if (!list.HasMore || list.LastId is null)
                {
                    break;
                }

                after = list.LastId;
            }
        }

        if (matches.Count == 0)
        {
            return result with { Outcome = RevocationOutcome.NotFound, Detail = $"no key in the organisation's {projects.Count} project(s) fits it" };
        }

        if (matches.Count > 1)
        {
            return result with { Outcome = RevocationOutcome.Ambiguous, Detail = $"{matches.Count} keys fit what OpenAI shows of it (first 8 and last 4 characters)" };
        }

        var (found, key) = matches[0];
        var where = $"project {found.Name ?? found.Id} ({found.Id})";
        result = result with { Where = where, KeyName = key.Name, Undo = null };
        if (request.DryRun)
        {
            return result with { Outcome = RevocationOutcome.WouldRevoke };
        }

        var projectPath = $"/organization/projects/{Uri.EscapeDataString(found.Id)}";
        var deleted = await api.SendAsync(Bearer(AdminApi.Delete(ProviderUrls.CombineV1(request.AdminBaseUrl, $"{projectPath}/api_keys/{Uri.EscapeDataString(key.Id)}")), request.AdminKey), cancellationToken).ConfigureAwait(false);
        if (deleted.IsSuccess)
        {
            return result with { Outcome = RevocationOutcome.Revoked };
        }

        if (deleted.Status == 404)
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "OpenAI no longer has that key (404): it was deleted meanwhile" };
        }

        if (deleted.Status == 400 && key.Owner is { Type: "service_account", ServiceAccount.Id: { Length: > 0 } account })
        {
            var gone = await api.SendAsync(Bearer(AdminApi.Delete(ProviderUrls.CombineV1(request.AdminBaseUrl, $"{projectPath}/service_accounts/{Uri.EscapeDataString(account)}")), request.AdminKey), cancellationToken).ConfigureAwait(false);
            if (gone.IsSuccess)
            {
                return result with { Outcome = RevocationOutcome.Revoked, Detail = $"deleted with its service account {key.Owner.ServiceAccount.Name ?? account}" };
            }

            return Refused(gone, result) ?? result with { Detail = $"deleting its service account answered {gone.Status}" };
        }

        return Refused(deleted, result) ?? result with { Detail = $"the delete answered {deleted.Status}" };
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    /// <summary>The result for an answer that is not a success: the admin key refused, or the API failing.</summary>
    private static RevocationResult? Refused(AdminAnswer answer, RevocationResult result) => answer.Status switch
    {
        >= 200 and < 300 => null,
        401 or 403 => result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = $"OpenAI refused the admin key ({answer.Status}): it must be an Admin API key (sk-admin-…) of the organisation, with write access to API keys" },
        _ => result with { Outcome = RevocationOutcome.Failed, Detail = $"OpenAI's Admin API answered {answer.Status}" },
    };
}

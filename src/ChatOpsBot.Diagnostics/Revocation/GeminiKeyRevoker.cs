using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Gemini keys are Google Cloud API keys. Google's API Keys API (https://cloud.google.com/api-keys/docs/reference/rest)
/// takes an OAuth access token of a service account (<see cref="GoogleAccessTokens"/>), not a key, and finds a key by
/// its value: <c>GET /v2/keys:lookupKey?keyString=…</c> answers its <c>parent</c> (<c>projects/&lt;number&gt;/locations/global</c>)
/// and <c>name</c> (<c>…/keys/&lt;uid&gt;</c>; empty once purged). <c>DELETE /v2/{name}</c> then answers a long-running
/// <c>Operation</c>; the key can be undeleted for 30 days. Both calls need IAM rights on the project that owns the key
/// (<c>apikeys.keys.lookup</c>, <c>apikeys.keys.delete</c>). The key travels in the query string of the lookup: the
/// revocation client logs no request, and no message here holds a URL.
/// </summary>
public sealed partial class GeminiKeyRevoker(IHttpClientFactory httpClientFactory, SecretScrubber scrubber, TimeProvider timeProvider, ILogger<GeminiKeyRevoker> logger) : IKeyRevoker
{
    /// <summary>The role that grants both permissions (https://cloud.google.com/iam/docs/understanding-roles#serviceusage.apiKeysAdmin).</summary>
    public const string Role = "roles/serviceusage.apiKeysAdmin";

    private readonly GoogleAccessTokens _tokens = new(scrubber, timeProvider);

    public ProviderId Provider => ProviderId.Gemini;

    public Uri DefaultAdminBaseUrl { get; } = new("https://apikeys.googleapis.com");

    public async Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = new RevocationResult(Provider, RevocationOutcome.Failed, request.KeyShown);
        if (string.IsNullOrWhiteSpace(request.CredentialFile))
        {
            return result with { Outcome = RevocationOutcome.NotConfigured, Detail = "Revocation:Gemini:ServiceAccountFile is not set" };
        }

        var account = GoogleServiceAccount.Read(request.CredentialFile, out var problem);
        if (account is null)
        {
            Log.AccountUnreadable(logger, problem!);
            return result with { Outcome = RevocationOutcome.AdminKeyMissing, Detail = problem };
        }

        using var registeredKey = scrubber.Register(account.PrivateKeyBody);
        var api = new AdminApi(httpClientFactory.CreateClient(AdminApi.HttpClientName));
        var lookupUrl = AdminApi.WithQuery(ProviderUrls.Combine(request.AdminBaseUrl, "/v2/keys:lookupKey"), "keyString=" + Uri.EscapeDataString(request.LeakedKey));
        var (lookup, token) = await SendAuthorizedAsync(api, account, () => AdminApi.Get(lookupUrl), cancellationToken).ConfigureAwait(false);
        if (token is { AccessToken: null })
        {
            return result with { Outcome = token.Outcome, Detail = token.Detail };
        }

        if (lookup!.Status is 403)
        {
            Log.Denied(logger, account.ClientEmail, "apikeys.keys.lookup", "the project that owns the key");
            return result with { Outcome = RevocationOutcome.AdminKeyRejected, Detail = Denied("look the key up", "the project that owns the key") };
        }

        if (lookup.Status is 400 or 404)
        {
            return result with { Outcome = RevocationOutcome.NotFound, Detail = $"Google's API Keys API does not know it ({lookup.Status} {Status(lookup)})" };
        }

        if (!lookup.IsSuccess)
        {
            return result with { Detail = $"Google's API Keys API answered {lookup.Status} {Status(lookup)} to the lookup" };
        }

        var found = AdminApi.Read(lookup, RevocationJsonContext.Default.GoogleLookupJson);
        if (string.IsNullOrEmpty(found.Name))
        {
            return result with { Outcome = RevocationOutcome.AlreadyInvalid, Detail = "Google has already purged it" };
        }

        var name = KeyName().Match(found.Name);
        if (!name.Success)
        {
            return result with { Detail = "Google's lookup did not answer a key name (projects/…/locations/…/keys/…); nothing was changed" };
        }

        var project = name.Groups["project"].Value;
        var uid = name.Groups["uid"].Value;
        result = result with
        {
            Where = $"project {project}",
            Undo = $"within 30 days, a project admin can run: gcloud services api-keys undelete {uid} --project={project} (or POST {ProviderUrls.Combine(request.AdminBaseUrl, "/v2/" + found.Name + ":undelete")})",
        };
        if (request.DryRun)
        {
            return result with { Outcome = RevocationOutcome.WouldRevoke, Undo = null };
        }

        var deleteUrl = ProviderUrls.Combine(request.AdminBaseUrl, "/v2/" + found.Name);
        var (deleted, again) = await SendAuthorizedAsync(api, account, () => AdminApi.Delete(deleteUrl), cancellationToken).ConfigureAwait(false);
        if (again is { AccessToken: null })
        {
            return result with { Outcome = again.Outcome, Detail = again.Detail, Undo = null };
        }

        switch (deleted!.Status)
        {
            case >= 200 and < 300:
                var operation = AdminApi.Read(deleted, RevocationJsonContext.Default.GoogleOperationJson);
                if (operation.Error is { } error)
                {
                    return result with { Undo = null, Detail = $"Google's delete operation failed ({error.Code} {error.Status})" };
                }

                return result with { Outcome = RevocationOutcome.Revoked, Detail = operation.Done ? null : "Google is finishing the deletion" };
            case 404:
            case 400 when Status(deleted) == "FAILED_PRECONDITION":
                return result with { Outcome = RevocationOutcome.AlreadyInvalid, Undo = null, Detail = $"Google no longer has that key, deleted meanwhile ({deleted.Status} {Status(deleted)})" };
            case 403:
                Log.Denied(logger, account.ClientEmail, "apikeys.keys.delete", "project " + project);
                return result with { Outcome = RevocationOutcome.AdminKeyRejected, Undo = null, Detail = Denied("delete the key", "project " + project) };
            default:
                return result with { Undo = null, Detail = $"Google's API Keys API answered {deleted.Status} {Status(deleted)} to the delete" };
        }
    }

    /// <summary>Sends with a Bearer token; when the API says 401 (a token revoked early), fetches a new token once.</summary>
    private async Task<(AdminAnswer? Answer, TokenAnswer? Token)> SendAuthorizedAsync(AdminApi api, GoogleServiceAccount account, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await _tokens.GetAsync(api, account, cancellationToken).ConfigureAwait(false);
            if (token.AccessToken is null)
            {
                return (null, token);
            }

            var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            var answer = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 401)
            {
                return (answer, token);
            }

            _tokens.Forget(token.AccessToken);
            if (attempt > 0)
            {
                return (null, TokenAnswer.Refused("Google's API Keys API refused the service account's fresh access token (401)"));
            }
        }
    }

    private static string Denied(string what, string where) =>
        $"Google did not let the service account {what} (403 PERMISSION_DENIED). Grant it {Role} (or a custom role with apikeys.keys.lookup and apikeys.keys.delete) on {where}; AI Studio keys live in a gen-lang-client-… project";

    /// <summary>The <c>status</c> of Google's error envelope ("PERMISSION_DENIED"), or "" when the body is not one.</summary>
    private static string Status(AdminAnswer answer)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, RevocationJsonContext.Default.GoogleErrorJson)?.Error?.Status ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"^projects/(?<project>[A-Za-z0-9-]+)/locations/[A-Za-z0-9-]+/keys/(?<uid>[A-Za-z0-9-]+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex KeyName();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Revocation: Gemini keys cannot be revoked: {Problem}.")]
        public static partial void AccountUnreadable(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Revocation: Google refused {Permission} to the service account {Account} on {Where}: grant it roles/serviceusage.apiKeysAdmin there.")]
        public static partial void Denied(ILogger logger, string account, string permission, string where);
    }
}

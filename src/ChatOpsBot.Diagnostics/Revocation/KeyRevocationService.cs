using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Revokes a leaked key through its provider's admin API, when <c>Revocation:Enabled</c> and that provider's admin key
/// is configured (Gemini: its service account file, which its revoker reads). The admin key is read at each use (a rotated secret is picked up), registered with the scrubber
/// with the leaked key for the attempt, and dropped after. One attempt is bounded by <c>Revocation:Timeout</c>; every
/// attempt is logged with the key's shown form only.
/// </summary>
public sealed partial class KeyRevocationService(
    IOptions<RevocationOptions> options,
    IOptions<ProviderBaseUrls> apiBaseUrls,
    IEnumerable<IKeyRevoker> revokers,
    EnvironmentVariables environment,
    SecretScrubber scrubber,
    TimeProvider timeProvider,
    ILogger<KeyRevocationService> logger)
{
    private readonly Dictionary<ProviderId, IKeyRevoker> _revokers = revokers.ToDictionary(r => r.Provider);

    /// <summary>True when revocation is on and at least one provider has an admin key configured.</summary>
    public bool IsEnabled => options.Value.Enabled && _revokers.Keys.Any(IsOn);

    /// <summary>Whether the dry run is on (nothing is changed, the announcement says what would be).</summary>
    public bool DryRun => options.Value.DryRun;

    /// <summary>True when a leaked key of <paramref name="provider"/> would be revoked.</summary>
    public bool IsOn(ProviderId provider) =>
        options.Value.Enabled && _revokers.ContainsKey(provider) && options.Value.For(provider) is { IsConfigured: true };

    /// <summary>Revokes <paramref name="leakedKey"/> (of <paramref name="provider"/>); never throws for an expected failure.</summary>
    public async Task<RevocationResult> RevokeAsync(ProviderId provider, string leakedKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leakedKey);
        var key = leakedKey.Trim();
        var shown = KeyMask.Show(key);
        if (!IsOn(provider))
        {
            return new RevocationResult(provider, RevocationOutcome.NotConfigured, shown);
        }

        var revoker = _revokers[provider];
        var settings = options.Value.For(provider)!;
        var credentialFile = string.IsNullOrWhiteSpace(settings.ServiceAccountFile) ? null : settings.ServiceAccountFile.Trim();
        var adminKey = credentialFile is null ? ReadAdminKey(settings) : ""; // the revoker reads its credential file itself
        if (adminKey is null)
        {
            Log.AdminKeyMissing(logger, provider, settings.AdminKeyEnv ?? settings.AdminKeyFile ?? "");
            return new RevocationResult(provider, RevocationOutcome.AdminKeyMissing, shown)
            {
                Detail = settings.AdminKeyEnv is { } env ? $"the variable {env} is empty" : $"the file {settings.AdminKeyFile} cannot be read",
            };
        }

        using var registeredKey = scrubber.Register(key);
        using var registeredAdmin = scrubber.Register(adminKey);
        var adminBase = settings.BaseUrl ?? revoker.DefaultAdminBaseUrl;
        var apiBase = revoker is IUsesApiHost own ? apiBaseUrls.Value.For(provider) ?? own.DefaultApiBaseUrl : adminBase;
        var request = new RevocationRequest(key, shown, adminKey, adminBase, apiBase, options.Value.DryRun) { CredentialFile = credentialFile };
        Log.Attempt(logger, provider, shown, request.DryRun);

        using var bound = new CancellationTokenSource(options.Value.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        RevocationResult result;
        try
        {
            result = await revoker.RevokeAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result = new RevocationResult(provider, RevocationOutcome.TimedOut, shown) { Detail = $"the admin API did not finish within {options.Value.Timeout.TotalSeconds:0} s" };
        }
        catch (AdminApiException ex)
        {
            result = new RevocationResult(provider, RevocationOutcome.Failed, shown) { Detail = scrubber.Scrub(ex.Message) };
        }

        result = result with
        {
            Detail = result.Detail is null ? null : scrubber.Scrub(result.Detail),
            Where = result.Where is null ? null : scrubber.Scrub(result.Where),
            KeyName = result.KeyName is null ? null : scrubber.Scrub(result.KeyName),
        };
        Log.Finished(logger, provider, shown, result.Outcome, result.Where ?? "-", result.Detail ?? "-");
        return result;
    }

    private string? ReadAdminKey(RevocationProviderOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.AdminKeyEnv))
        {
            var value = environment.Get(settings.AdminKeyEnv)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        if (string.IsNullOrWhiteSpace(settings.AdminKeyFile))
        {
            return null;
        }

        try
        {
            var value = File.ReadAllText(settings.AdminKeyFile).Trim();
            return value.Length == 0 ? null : value;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Revocation: {Provider} key {Key} was pasted in public; identifying it through the admin API (dry run: {DryRun}).")]
        public static partial void Attempt(ILogger logger, ProviderId provider, string key, bool dryRun);

        [LoggerMessage(2, LogLevel.Warning, "Revocation: {Provider} key {Key}: {Outcome} ({Where}; {Detail}).")]
        public static partial void Finished(ILogger logger, ProviderId provider, string key, RevocationOutcome outcome, string where, string detail);

        [LoggerMessage(3, LogLevel.Error, "Revocation: the {Provider} admin key is configured ({Source}) but empty or unreadable: leaked keys of {Provider} are not revoked.")]
        public static partial void AdminKeyMissing(ILogger logger, ProviderId provider, string source);
    }
}

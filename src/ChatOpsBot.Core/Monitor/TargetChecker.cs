using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Runs one diagnosis of a target, as <c>/diagnose key:&lt;name&gt;</c> does for a team key: the key is read now
/// (so a rotated secret is picked up), registered with the scrubber for the diagnosis only, and dropped after. The
/// token-free probes run by default; the deep check only when the target opts in. The engine's own deadline applies.
/// </summary>
public sealed class TargetChecker(
    DiagnosticEngine engine,
    TeamKeyRegistry keys,
    SecretScrubber scrubber,
    EnvironmentVariables environment,
    IOptions<ProviderBaseUrls> baseUrls)
{
    public async Task<ProviderReport> CheckAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = target.Key;
        var (value, source) = keys.Read(key);
        using var admission = KeyAdmission.Admit(new DiagnosisRequest
        {
            Provider = key.Provider,
            Key = value,
            KeySource = source,
            KeyOrigin = key.Origin,
            BaseUrl = key.BaseUrl ?? BaseUrlFor(key.Provider),
            Model = key.Model,
            Deep = target.Deep,
        }, scrubber);
        var report = await engine.RunAsync([admission.Request], null, null, cancellationToken).ConfigureAwait(false);
        return report.Providers[0];
    }

    private Uri? BaseUrlFor(ProviderId provider)
    {
        if (environment.Get(provider.BaseUrlEnvironmentVariable()) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var fromEnv))
        {
            return fromEnv;
        }

        return baseUrls.Value.For(provider);
    }
}

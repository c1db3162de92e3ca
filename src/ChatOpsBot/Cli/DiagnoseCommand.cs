using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Cli;

/// <summary><c>chatopsbot diagnose</c>: one diagnosis, human text or <c>--json</c>.</summary>
public sealed class DiagnoseCommand(
    DiagnosticEngine engine,
    SecretScrubber scrubber,
    IOptions<ProviderBaseUrls> configuredBaseUrls,
    CliConsole console)
{
    public const int ExitOk = ExitCodes.Ok;
    public const int ExitProblem = ExitCodes.Failure;
    public const int ExitUsage = ExitCodes.Usage;

    public async Task<int> RunAsync(DiagnoseArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var admissions = BuildRequests(args).Select(r => KeyAdmission.Admit(r, scrubber)).ToList(); // inspected and registered once
        try
        {
            StartupTrace.Mark("keys admitted");
            var report = await engine.RunAsync([.. admissions.Select(a => a.Request)], args.Timeout, progress: null, cancellationToken).ConfigureAwait(false);
            StartupTrace.Mark("diagnosis finished");
            // JSON is scrubbed value by value before it is written (scrubbing its text could break it); text as text.
            var output = args.Json ? JsonReport.Serialize(report, scrubber) + "\n" : scrubber.Scrub(Render(report));
            await console.Out.WriteAsync(output).ConfigureAwait(false);
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            StartupTrace.Mark("report written");
            return report.AllOk ? ExitOk : ExitProblem;
        }
        finally
        {
            admissions.ForEach(a => a.Dispose());
        }
    }

    private string Render(DiagnosisReport report)
    {
        using var writer = new StringWriter();
        TextReport.Write(report, writer, console.UseColor);
        return writer.ToString();
    }

    private List<DiagnosisRequest> BuildRequests(DiagnoseArguments args)
    {
        string? stdinKey = args.KeyStdin ? console.In.ReadToEnd() : null;
        var requests = new List<DiagnosisRequest>();
        var providers = args.All ? AllProviders.Select(ProviderRegistry.Descriptors, console.Environment, configuredBaseUrls.Value) : args.Providers;
        foreach (var provider in providers)
        {
            var (key, source, origin) = ReadKey(provider, args, stdinKey);
            requests.Add(new DiagnosisRequest
            {
                Provider = provider,
                Key = key,
                KeySource = source,
                KeyOrigin = origin,
                BaseUrl = BaseUrlFor(provider, args),
                Model = args.Model,
                Deep = args.Deep,
            });
        }

        return requests;
    }

    private (string? Key, KeySource Source, string Origin) ReadKey(ProviderId provider, DiagnoseArguments args, string? stdinKey)
    {
        if (args.KeyStdin)
        {
            return (stdinKey, string.IsNullOrEmpty(stdinKey) ? KeySource.None : KeySource.StandardInput, "standard input");
        }

        if (args.KeyEnv is { } name)
        {
            var value = console.Environment(name);
            return (value, value is null ? KeySource.None : KeySource.Environment, name);
        }

        foreach (var candidate in provider.KeyEnvironmentVariables())
        {
            if (console.Environment(candidate) is { } value)
            {
                return (value, KeySource.Environment, candidate);
            }
        }

        return (null, KeySource.None, string.Join(" or ", provider.KeyEnvironmentVariables()));
    }

    private Uri? BaseUrlFor(ProviderId provider, DiagnoseArguments args)
    {
        if (args.BaseUrl is not null)
        {
            return args.BaseUrl;
        }

        var variable = provider.BaseUrlEnvironmentVariable();
        if (console.Environment(variable) is { Length: > 0 } fromEnv)
        {
            return DiagnoseArguments.ParseBaseUrl(fromEnv, variable);
        }

        return configuredBaseUrls.Value.For(provider);
    }
}

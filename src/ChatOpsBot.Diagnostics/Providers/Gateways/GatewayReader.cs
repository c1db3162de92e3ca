using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// The gateway step of <see cref="AnswerReader"/>, for every provider's answers when a custom base URL is in use
/// (always for <c>openai-compatible</c>): names the gateway in evidence <c>gateway</c> and reads the gateway's own
/// vocabulary (its refusals of the user's key, and its upstream's failures, <c>gateway.upstream_error</c>). Nothing
/// here calls a provider, and no provider calls here.
/// </summary>
public static partial class GatewayReader
{
    /// <summary>The gateway recognised in <paramref name="reading"/>'s answer and its reading, or null when none is recognised.</summary>
    public static GatewayReading? Read(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var answer = GatewayAnswer.Parse(reading.Response.Body);
        if (GatewayRecognizer.Recognize(reading.Response, answer) is not { } gateway)
        {
            return null;
        }

        reading.Evidence["gateway"] = gateway;
        if (reading.Evidence["provider_message"]?.GetValue<string>() is { } said)
        {
            reading.Evidence["provider_message"] = KeyHash().Replace(said, "${label}…");
        }

        var withGateway = reading with { Gateway = gateway };
        var finding = gateway switch
        {
            GatewayNames.LiteLLM => LiteLLMAnswers.Read(withGateway, answer),
            GatewayNames.OneApi or GatewayNames.NewApi => OneApiAnswers.Read(withGateway, answer),
            _ => HostedGatewayAnswers.Read(withGateway, answer),
        };
        return new GatewayReading(gateway, finding);
    }

    /// <summary>
    /// A gateway's success says less than the provider's: the auth probe's <c>ok</c> says what it proves (a relay never
    /// reached its upstream; a local model server may check no key at all).
    /// </summary>
    public static IReadOnlyList<Finding> Annotate(IReadOnlyList<Finding> findings, ProbeContext context, string gateway)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind != ProbeKind.Auth)
        {
            return findings;
        }

        var note = gateway switch
        {
            GatewayNames.Ollama => "Recognised as Ollama, which checks no key: this success says nothing about the key.",
            GatewayNames.LmStudio => "Recognised as LM Studio, which checks no key unless its server authentication is switched on.",
            GatewayNames.Vllm => "Recognised as vLLM: the model server itself, no upstream behind it.",
            _ => $"Recognised as {GatewayNames.Display(gateway)}: the gateway accepted your key; its upstream is only checked with --deep.",
        };
        return [.. findings.Select(f => f.Code == VerdictCodes.Ok && f.FromProviderAnswer ? f with { Detail = $"{f.Detail} {note}" } : f)];
    }

    /// <summary>LiteLLM echoes the SHA-256 of the virtual key it looked up; the hash stays out of evidence.</summary>
    [GeneratedRegex(@"(?<label>Key Hash \(Token\) ?= ?)[0-9a-fA-F]{16,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex KeyHash();
}

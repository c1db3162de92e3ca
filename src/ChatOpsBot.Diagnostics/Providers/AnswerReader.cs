using ChatOpsBot.Diagnostics.Providers.Gateways;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Reads a probe's answer in one direction: parse the body once, collect the evidence, apply the findings every
/// provider shares (<see cref="ProbeAnswer.ProviderNeutralFindings"/>: success, proxy, HTML...), and only then hand
/// the reading to the provider's classifier, which may call the shared helpers (<see cref="ProbeAnswer.ByStatus"/>,
/// <see cref="ProbeAnswer.Unexpected"/>, <see cref="ProbeAnswer.Make"/>) but is never called back.
/// </summary>
public static class AnswerReader
{
    /// <summary>
    /// The findings of <paramref name="response"/> (at least one). A boundary: whatever goes wrong in reading or
    /// classifying becomes a finding, never an exception.
    /// </summary>
    public static IReadOnlyList<Finding> Read(this IProviderDefinition definition, ProbeResponse response, ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
#pragma warning disable CA1031 // see the summary
        try
        {
            var body = ProviderErrorBody.Parse(response.Body, response.BodyTruncated);
            var evidence = ProviderEvidence.Build(response, body);
            var reading = new ProbeReading(response, context, body, evidence);

            // Through a custom base URL, the gateway in between (if the answer shows one) is named, and its own
            // vocabulary read first: its refusals of the user's key, and its upstream's failures.
            var gateway = context.CustomBaseUrl && !definition.Descriptor.ReadsOwnGatewayAnswers ? GatewayReader.Read(reading) : null;
            if (gateway?.Finding is { } own)
            {
                return [own];
            }

            reading = reading with { Gateway = gateway?.Gateway };
            var neutral = ProbeAnswer.ProviderNeutralFindings(response, context, body, evidence);
            if (neutral is [{ Code: VerdictCodes.ProviderUnexpected }] && response.LooksLikeHtml
                && definition.ClassifyPage(reading) is { } page)
            {
                neutral = [page];
            }

            var findings = neutral ?? [definition.Classify(reading)];
            return gateway is null ? findings : GatewayReader.Annotate(findings, context, gateway.Gateway);
        }
        catch (Exception ex)
        {
            return [ProbeAnswer.Failed(response, context, ex)];
        }
#pragma warning restore CA1031
    }
}

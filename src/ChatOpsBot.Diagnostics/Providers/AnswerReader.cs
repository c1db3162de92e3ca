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
            var neutral = ProbeAnswer.ProviderNeutralFindings(response, context, body, evidence);
            if (neutral is [{ Code: VerdictCodes.ProviderUnexpected }] && response.LooksLikeHtml
                && definition.ClassifyPage(new ProbeReading(response, context, body, evidence)) is { } page)
            {
                return [page];
            }

            return neutral ?? [definition.Classify(new ProbeReading(response, context, body, evidence))];
        }
        catch (Exception ex)
        {
            return [ProbeAnswer.Failed(response, context, ex)];
        }
#pragma warning restore CA1031
    }
}

using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// An answer as <see cref="AnswerReader"/> read it, once, for the provider's classifier: the response, what was
/// probed, the parsed error body and the evidence collected so far (the classifier may add to it).
/// </summary>
/// <param name="Response">Status, headers and the bounded body.</param>
/// <param name="Context">Which provider and probe, the model, whether a custom base URL was used.</param>
/// <param name="Body">The body parsed as the providers' common error shapes.</param>
/// <param name="Evidence">Status, request id, the provider's message: what a finding shows.</param>
public sealed record ProbeReading(ProbeResponse Response, ProbeContext Context, ProviderErrorBody Body, JsonObject Evidence)
{
    public int Status => Response.Status;

    /// <summary>
    /// The gateway the answer came through (LiteLLM, one-api...), when the reader recognises one, so a classifier can
    /// tell a gateway's upstream failure from the provider's own answer. Null: none recognised (AnswerReader fills it
    /// through Gateways/GatewayReader when a custom base URL is in use).
    /// </summary>
    public string? Gateway { get; init; }
}

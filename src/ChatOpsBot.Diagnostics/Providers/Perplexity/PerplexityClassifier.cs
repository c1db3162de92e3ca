using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Perplexity;

/// <summary>
/// Perplexity's vocabulary: a refused key (wrong, revoked, or blocked because the API balance is zero) is an HTML 401
/// page from its openresty front, never JSON; an unknown, retired or prefixed model is 400 <c>invalid_model</c>
/// (which also proves the key was accepted); 5xx are JSON <c>internal_server_error</c> or Cloudflare's HTML.
/// </summary>
internal static class PerplexityClassifier
{
    private const string BothCauses =
        "the key is wrong or revoked, or it is blocked because the account's API credit balance is zero (Perplexity answers both alike)";

    /// <summary>
    /// Perplexity's own HTML 401 (<c>401 Authorization Required</c> … <c>openresty</c>): a refused key. Null for any
    /// other page, which the shared reading reports as unexpected.
    /// </summary>
    public static Finding? ClassifyPage(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, _, evidence) = reading;
        var head = response.Body.Length > 4096 ? response.Body[..4096] : response.Body;
        if (response.Status != 401
            || !head.Contains("openresty", StringComparison.OrdinalIgnoreCase)
            || !head.Contains("401 Authorization Required", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        evidence["perplexity_page"] = "openresty 401 Authorization Required";
        var from = context.CustomBaseUrl
            ? "The server at the base URL answered Perplexity's HTML 401 page (openresty)"
            : "Perplexity answered its HTML 401 page (openresty)";
        return ProbeAnswer.Make(VerdictCodes.AuthInvalidKey, ProbeAnswer.StageOf(context.Kind), ProviderId.Perplexity,
            $"{from}: {BothCauses}.", evidence);
    }

    /// <summary>Reads an answer the provider-neutral checks left over (never a success). Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var type = body.Type?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail) => ProbeAnswer.Make(verdict, stage, ProviderId.Perplexity, detail, evidence);

        if (type == "invalid_model" || body.MessageContains("invalid model"))
        {
            return InvalidModel(context, body, evidence, stage, said);
        }

        if (status == 401 && body.HasError)
        {
            return Make(VerdictCodes.AuthInvalidKey, $"Perplexity answered 401 ({said}): {BothCauses}.");
        }

        if (status == 429)
        {
            return Make(VerdictCodes.RateLimited, $"Perplexity answered 429: requests per minute above the key's usage tier{(said.Length > 0 ? $" ({said})" : "")}.");
        }

        if (status is >= 500 and < 600 || type == "internal_server_error")
        {
            return Make(VerdictCodes.ProviderServerError, $"Perplexity answered {status}: {said}");
        }

        if (status is 400 or 422 && body.HasError && context.Kind != ProbeKind.Auth)
        {
            return Make(VerdictCodes.RequestInvalid, $"Perplexity rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    private static Finding InvalidModel(ProbeContext context, ProviderErrorBody body, JsonObject evidence, DiagnosticStage stage, string said)
    {
        var model = context.Model ?? QuotedModel(body.Message) ?? "";
        var hint = "";
        if (model.Length > 0 && model.Trim().Length != model.Length)
        {
            hint = " The name has spaces around it: remove them.";
        }
        else if (model.Contains('/', StringComparison.Ordinal))
        {
            hint = " Perplexity's own API takes the bare name (sonar), not a gateway's provider/model form.";
        }

        return ProbeAnswer.Make(VerdictCodes.ModelNotFound, stage, ProviderId.Perplexity,
            $"Perplexity accepted the key but not {ProbeAnswer.ModelName(context)} ({said}); retired and unknown names get the same answer.{hint}", evidence);
    }

    /// <summary>The model between the first pair of single quotes of "Invalid model '…'", kept as sent (spaces too).</summary>
    private static string? QuotedModel(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }
}

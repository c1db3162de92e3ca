using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.DeepSeek;

/// <summary>
/// Reads a success of the free balance check <c>GET /user/balance</c>: <c>is_available</c> (false predicts 402
/// Insufficient Balance) and <c>balance_infos[]</c> (currency, total, granted, topped up; strings). Never throws.
/// </summary>
internal static class DeepSeekBalance
{
    public static Finding Read(string body, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var root = AccountJson.Object(body);

        var available = AccountJson.Flag(root, "is_available");
        if (available is null)
        {
            return Finding.Pass(DiagnosticStage.Auth, "DeepSeek balance check",
                "DeepSeek's balance check (GET /user/balance) answered without is_available.", evidence);
        }

        evidence["is_available"] = available.Value;
        var balances = new JsonArray();
        var shown = new List<string>();
        if (root!["balance_infos"] is JsonArray infos)
        {
            foreach (var info in infos.OfType<JsonObject>().Take(5))
            {
                var item = new JsonObject();
                foreach (var field in (string[])["currency", "total_balance", "granted_balance", "topped_up_balance"])
                {
                    if (Text(info, field) is { } value)
                    {
                        item[field] = ProviderEvidence.Truncate(value, 24);
                    }
                }

                balances.Add((JsonNode)item); // the JsonNode overload: Add<T> would wrap a value by reflection
                if (Text(info, "total_balance") is { } total)
                {
                    shown.Add($"{ProviderEvidence.Truncate(total, 24)} {ProviderEvidence.Truncate(Text(info, "currency") ?? "", 8)}".Trim());
                }
            }
        }

        evidence["balances"] = balances;
        var what = shown.Count == 0 ? "no balance listed" : "balance " + string.Join(", ", shown);
        return available.Value
            ? Finding.Pass(DiagnosticStage.Auth, "DeepSeek balance check", $"DeepSeek's balance check: {what}, available for API calls.", evidence)
            : ProbeAnswer.Make(VerdictCodes.QuotaExhausted, DiagnosticStage.Auth, ProviderId.DeepSeek,
                $"DeepSeek accepted the key, but the account has no balance available for API calls ({what}): requests will get 402 Insufficient Balance.",
                evidence);
    }

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}

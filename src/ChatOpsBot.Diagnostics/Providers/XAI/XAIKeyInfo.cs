using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.XAI;

/// <summary>
/// Reads a success of the free key check <c>GET /v1/api-key</c>: <c>team_blocked</c> (the whole team: a new key will
/// not help), <c>api_key_blocked</c> and <c>api_key_disabled</c> (this key), and the key's <c>acls</c> (which endpoints
/// and models it may use). Never throws.
/// </summary>
internal static class XAIKeyInfo
{
    public static Finding Read(string body, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var root = AccountJson.Object(body);

        var teamBlocked = AccountJson.Flag(root, "team_blocked");
        var keyBlocked = AccountJson.Flag(root, "api_key_blocked");
        var keyDisabled = AccountJson.Flag(root, "api_key_disabled");
        if (teamBlocked is null && keyBlocked is null && keyDisabled is null)
        {
            return Finding.Pass(DiagnosticStage.Auth, "xAI key check", "xAI's key check (GET /v1/api-key) answered without the key's flags.", evidence);
        }

        evidence["team_blocked"] = teamBlocked ?? false;
        evidence["api_key_blocked"] = keyBlocked ?? false;
        evidence["api_key_disabled"] = keyDisabled ?? false;
        var acls = new List<string>();
        if (root!["acls"] is JsonArray list)
        {
            foreach (var item in list.OfType<JsonValue>().Take(20))
            {
                if (item.GetValueKind() == JsonValueKind.String)
                {
                    acls.Add(ProviderEvidence.Truncate(item.GetValue<string>(), 80));
                }
            }

            evidence["acls"] = new JsonArray([.. acls.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }

        Finding Error(string code, string detail) => ProbeAnswer.Make(code, DiagnosticStage.Auth, ProviderId.XAI, detail, evidence);
        if (teamBlocked == true)
        {
            return Error(VerdictCodes.AuthAccountDisabled, "xAI's key check says the key's whole team is blocked (team_blocked): a new key will not help.");
        }

        if (keyBlocked == true)
        {
            return Error(VerdictCodes.AuthKeyRevoked, "xAI's key check says this key is blocked by xAI (api_key_blocked).");
        }

        if (keyDisabled == true)
        {
            return Error(VerdictCodes.AuthKeyRevoked, "xAI's key check says this key is disabled (api_key_disabled): re-enable it in the console or make a new one.");
        }

        var chat = acls.Count == 0 || acls.Any(a => a is "api-key:endpoint:*" or "api-key:endpoint:chat");
        var what = acls.Count == 0 ? "no permissions listed" : "permissions " + string.Join(", ", acls.Take(6)) + (acls.Count > 6 ? ", …" : "");
        return Finding.Pass(DiagnosticStage.Auth, "xAI key check",
            $"xAI's key check: neither the key nor its team is blocked or disabled; {what}."
            + (chat ? "" : " The key may not call chat completions (no api-key:endpoint:chat)."), evidence);
    }
}

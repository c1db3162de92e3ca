using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// xAI's management API and OpenRouter's key management on <see cref="FakeProviderServer"/>s, stateful.
/// xAI (https://docs.x.ai/docs/management-api): <c>DELETE /auth/api-keys/{apiKeyId}</c> with <c>Authorization: Bearer</c>
/// and a management key; the success body is not published, so the fake answers <c>{}</c>; an unknown id 404, any other
/// key 401 (bodies filled in, xAI's flat <c>code</c>/<c>error</c> envelope). The inference side (<c>GET /v1/api-key</c>)
/// is <see cref="RealXAI"/>.
/// OpenRouter (https://openrouter.ai/docs/api/api-reference/api-keys/list, .../delete): <c>GET /api/v1/keys</c> lists
/// 100 keys a page by <c>offset</c>, each with <c>hash</c>, <c>name</c>, <c>label</c> (the key masked,
/// <c>sk-or-v1-0e6...1c96</c>, as revocation research of the docs found it) and <c>disabled</c>; <c>DELETE
/// /api/v1/keys/{hash}</c> answers <c>{"deleted":true}</c>, then 404; a non-management key 401 (OpenRouter's
/// <c>{"error":{"code","message"}}</c> envelope; the message is filled in).
/// </summary>
public static class FakeManagementApis
{
    public static ConcurrentBag<string> AsXAIManagement(this FakeProviderServer server, string managementKey, params string[] keyIds)
    {
        ArgumentNullException.ThrowIfNull(server);
        var live = new ConcurrentDictionary<string, bool>(keyIds.Select(id => KeyValuePair.Create(id, true)));
        var deleted = new ConcurrentBag<string>();
        server.On("DELETE", "/auth/api-keys/*", request =>
        {
            if (request.Header("Authorization") != "Bearer " + managementKey)
            {
                return FakeResponse.Json(401, """{"code":"Unauthenticated","error":"Invalid management key."}""");
            }

            var id = request.Path["/auth/api-keys/".Length..];
            if (!live.TryRemove(id, out _))
            {
                return FakeResponse.Json(404, """{"code":"Not found","error":"API key not found."}""");
            }

            deleted.Add(id);
            return FakeResponse.Json(200, "{}");
        });
        return deleted;
    }

    public static ConcurrentBag<string> AsOpenRouterKeys(this FakeProviderServer server, string managementKey, IReadOnlyList<(string Hash, string Name, string Key)> keys)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(keys);
        var deleted = new ConcurrentBag<string>();
        server.On("GET", "/api/v1/keys", request =>
        {
            if (request.Header("Authorization") != "Bearer " + managementKey)
            {
                return FakeResponse.Json(401, """{"error":{"code":401,"message":"Invalid management key"}}""");
            }

            var offset = request.Query.Contains("offset=", StringComparison.Ordinal) ? int.Parse(request.Query[(request.Query.IndexOf("offset=", StringComparison.Ordinal) + 7)..].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var page = keys.Where(k => !deleted.Contains(k.Hash)).Skip(offset).Take(100).Select(k => (JsonNode)new JsonObject
            {
                ["hash"] = k.Hash,
                ["name"] = k.Name,
                ["label"] = k.Key[..12] + "..." + k.Key[^4..],
                ["disabled"] = false,
                ["limit"] = null,
                ["usage"] = 25.5,
                ["created_at"] = "2025-08-24T10:30:00Z",
                ["updated_at"] = "2025-08-24T15:45:00Z",
            });
            return FakeResponse.Json(200, new JsonObject { ["data"] = new JsonArray([.. page]) }.ToJsonString());
        });
        server.On("DELETE", "/api/v1/keys/*", request =>
        {
            if (request.Header("Authorization") != "Bearer " + managementKey)
            {
                return FakeResponse.Json(401, """{"error":{"code":401,"message":"Invalid management key"}}""");
            }

            var hash = request.Path["/api/v1/keys/".Length..];
            if (!keys.Any(k => k.Hash == hash) || deleted.Contains(hash))
            {
                return FakeResponse.Json(404, """{"error":{"code":404,"message":"Not Found"}}""");
            }

            deleted.Add(hash);
            return FakeResponse.Json(200, """{"deleted":true}""");
        });
        return deleted;
    }
}

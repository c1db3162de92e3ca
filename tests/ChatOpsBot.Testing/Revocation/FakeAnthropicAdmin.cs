using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// Anthropic's Admin API on a <see cref="FakeProviderServer"/>, stateful, as its reference describes
/// (https://docs.anthropic.com/en/api/admin-api/apikeys/list-api-keys, .../update-api-key,
/// https://platform.claude.com/docs/en/api/admin/organizations/me): <c>x-api-key</c> plus <c>anthropic-version</c>;
/// keys listed by <c>limit</c>/<c>after_id</c>/<c>status</c> with <c>first_id</c>, <c>last_id</c>, <c>has_more</c>;
/// <c>partial_key_hint</c> is the key's first 16 characters, "...", its last 4 (the reference's example
/// <c>sk-ant-api03-R2D...igAA</c>); an update sets <c>status</c> and answers the key object; an unknown id 404
/// <c>not_found_error</c>. A known non-admin key gets 403 <c>permission_error</c> (the example message of
/// https://docs.anthropic.com/en/api/errors; which status a regular key gets on the Admin API is not published);
/// an unknown key 401 "invalid x-api-key" (Anthropic's published answer). <c>GET /v1/models</c> answers an active
/// key with the <c>anthropic-organization-id</c> header (changelog, 2025-02-10) and 401 otherwise.
/// </summary>
public sealed class FakeAnthropicAdmin
{
    public const string OrganizationId = "12345678-1234-5678-1234-567812345678";

    private readonly ConcurrentDictionary<string, Key> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public FakeAnthropicAdmin(FakeProviderServer server, string adminKey, int pageSize = 2)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        AdminKey = adminKey;
        PageSize = pageSize;
        server.On("GET", "/v1/organizations/me", Me);
        server.On("GET", "/v1/models", Models);
        server.On("GET", "/v1/organizations/api_keys", List);
        server.On("POST", "/v1/organizations/api_keys/*", Update);
    }

    public FakeProviderServer Server { get; }

    public string AdminKey { get; }

    public int PageSize { get; }

    public IEnumerable<string> InactiveKeyIds => _keys.Values.Where(k => k.Status != "active").Select(k => k.Id);

    public FakeAnthropicAdmin AddKey(string id, string name, string key, string? workspaceId = null, string organizationId = OrganizationId)
    {
        _keys[id] = new Key(id, name, key, workspaceId, organizationId) { Status = "active" };
        lock (_order)
        {
            _order.Add(id);
        }

        return this;
    }

    public static string Hint(string key) => key[..16] + "..." + key[^4..];

    private FakeResponse Me(RecordedRequest request) => Auth(request)
        ?? FakeResponse.Json(200, $$"""{"id":"{{OrganizationId}}","type":"organization","name":"Organization Name"}""");

    private FakeResponse Models(RecordedRequest request)
    {
        var key = request.Header("x-api-key");
        var own = _keys.Values.FirstOrDefault(k => k.Value == key && k.Status == "active");
        return own is null
            ? Unauthorized()
            : FakeResponse.Json(200, """{"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4","created_at":"2025-05-22T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-20250514","last_id":"claude-sonnet-4-20250514"}""",
                ("anthropic-organization-id", own.OrganizationId), ("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy"));
    }

    private FakeResponse List(RecordedRequest request)
    {
        if (Auth(request) is { } refused)
        {
            return refused;
        }

        var status = Query(request, "status");
        List<Key> all;
        lock (_order)
        {
            all = [.. _order.Select(id => _keys[id]).Where(k => status is null || k.Status == status)];
        }

        var after = Query(request, "after_id");
        var start = after is null ? 0 : all.FindIndex(k => k.Id == after) + 1;
        var page = all.Skip(start).Take(PageSize).ToList();
        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(k => (JsonNode)Json(k))]),
            ["has_more"] = start + page.Count < all.Count,
            ["first_id"] = page.Count > 0 ? page[0].Id : null,
            ["last_id"] = page.Count > 0 ? page[^1].Id : null,
        };
        return FakeResponse.Json(200, body.ToJsonString());
    }

    private FakeResponse Update(RecordedRequest request)
    {
        if (Auth(request) is { } refused)
        {
            return refused;
        }

        var id = request.Path["/v1/organizations/api_keys/".Length..];
        if (!_keys.TryGetValue(id, out var key))
        {
            return FakeResponse.Json(404, """{"type":"error","error":{"type":"not_found_error","message":"The requested resource could not be found."}}""");
        }

        if (JsonNode.Parse(request.Body)?["status"]?.GetValue<string>() is { } status)
        {
            key.Status = status;
        }

        return FakeResponse.Json(200, Json(key).ToJsonString());
    }

    private static JsonObject Json(Key k) => new JsonObject
    {
        ["id"] = k.Id,
        ["type"] = "api_key",
        ["name"] = k.Name,
        ["workspace_id"] = k.WorkspaceId,
        ["created_at"] = "2024-10-30T23:58:27.427722Z",
        ["created_by"] = new JsonObject { ["id"] = "user_01WCz1FkmYMm4gnmykNKUu3Q", ["type"] = "user" },
        ["expires_at"] = null,
        ["partial_key_hint"] = Hint(k.Value),
        ["status"] = k.Status,
    };

    private FakeResponse? Auth(RecordedRequest request)
    {
        var key = request.Header("x-api-key");
        if (key == AdminKey && request.Header("anthropic-version") is { Length: > 0 })
        {
            return null;
        }

        if (_keys.Values.Any(k => k.Value == key))
        {
            return FakeResponse.Json(403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""");
        }

        return Unauthorized();
    }

    private static FakeResponse Unauthorized() =>
        FakeResponse.Json(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""");

    private static string? Query(RecordedRequest request, string name)
    {
        foreach (var pair in request.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private sealed record Key(string Id, string Name, string Value, string? WorkspaceId, string OrganizationId)
    {
        public string Status { get; set; } = "active";
    }
}

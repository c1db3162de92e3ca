using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// OpenAI's Admin API on a <see cref="FakeProviderServer"/>, stateful and protocol-exact as its reference describes
/// (https://platform.openai.com/docs/api-reference/projects, .../project-api-keys, openai/openai-openapi
/// <c>openapi.yaml</c>): projects and project keys listed by <c>limit</c>/<c>after</c> with <c>first_id</c>,
/// <c>last_id</c>, <c>has_more</c>; <c>redacted_value</c> as captured from the real API (first 8 characters, <c>*</c>
/// padding to the key's full length, last 4: lempiji/openai-d <c>source/openai/administration/project_api_keys.d</c>);
/// a delete answers <c>organization.project.api_key.deleted</c>, then 404 for the same id. Auth is
/// <c>Authorization: Bearer</c>: the admin key passes; a project key gets 403 "Missing scopes: api.management.read"
/// (that status for a project key on <c>/v1/organization/projects</c> is reported in mkornreich/llm-desktop-electron's
/// README; the body's wording is filled in from OpenAI's usual insufficient-permissions error, not published for this
/// endpoint); anything else 401 <c>invalid_api_key</c> (the published "Incorrect API key provided" envelope). Also
/// <c>GET /v1/models</c> for a project key, with its <c>openai-project</c> header (as on real chat answers, captured in
/// newrelic/newrelic-python-agent's mock OpenAI server; whether <c>/v1/models</c> carries it is not verified).
/// </summary>
public sealed class FakeOpenAIAdmin
{
    private readonly ConcurrentDictionary<string, Project> _projects = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public FakeOpenAIAdmin(FakeProviderServer server, string adminKey, int pageSize = 2)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        AdminKey = adminKey;
        PageSize = pageSize;
        server.On("GET", "/v1/models", Models);
        server.On("GET", "/v1/organization/projects", ListProjects);
        server.On("GET", "/v1/organization/projects/*", ProjectRoute);
        server.On("DELETE", "/v1/organization/projects/*", ProjectRoute);
    }

    public FakeProviderServer Server { get; }

    public string AdminKey { get; }

    /// <summary>The page size the fake uses whatever <c>limit</c> asks (small, so pagination is exercised).</summary>
    public int PageSize { get; }

    /// <summary>When false, <c>/v1/models</c> answers without the <c>openai-project</c> header.</summary>
    public bool SendsProjectHeader { get; set; } = true;

    /// <summary>When true, deleting a service account's key answers 400 (as the spec's summary allows), so its account must go.</summary>
    public bool RefusesServiceAccountKeyDelete { get; set; }

    public IEnumerable<string> DeletedKeyIds => _projects.Values.SelectMany(p => p.Deleted);

    public FakeOpenAIAdmin AddProject(string id, string name)
    {
        _projects[id] = new Project(id, name);
        lock (_order)
        {
            _order.Add(id);
        }

        return this;
    }

    public FakeOpenAIAdmin AddKey(string projectId, string keyId, string name, string key, string? serviceAccountId = null)
    {
        _projects[projectId].Keys.Add(new Key(keyId, name, key, serviceAccountId));
        return this;
    }

    /// <summary>The shown form OpenAI's list gives: first 8, '*' to the full length, last 4.</summary>
    public static string Redacted(string key) => key[..8] + new string('*', key.Length - 12) + key[^4..];

    private FakeResponse Models(RecordedRequest request)
    {
        var key = Bearer(request);
        var owner = _projects.Values.FirstOrDefault(p => p.Keys.Any(k => k.Value == key && !p.Deleted.Contains(k.Id)));
        if (owner is null)
        {
            return InvalidKey(key);
        }

        var headers = SendsProjectHeader ? new[] { ("openai-project", owner.Id), ("openai-organization", "user-rk8wq9voijy9sejrncvgi0iw") } : [];
        return FakeResponse.Json(200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}""", headers);
    }

    private FakeResponse ListProjects(RecordedRequest request)
    {
        if (Auth(request) is { } refused)
        {
            return refused;
        }

        List<string> ids;
        lock (_order)
        {
            ids = [.. _order];
        }

        return Page(request, ids.Select(id => _projects[id]).Select(p => (p.Id, (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["object"] = "organization.project",
            ["name"] = p.Name,
            ["created_at"] = 1711471533,
            ["archived_at"] = null,
            ["status"] = "active",
        })).ToList());
    }

    private FakeResponse ProjectRoute(RecordedRequest request)
    {
        if (Auth(request) is { } refused)
        {
            return refused;
        }

        var parts = request.Path["/v1/organization/projects/".Length..].Split('/');
        if (!_projects.TryGetValue(parts[0], out var project))
        {
            return NotFound($"No such project: {parts[0]}");
        }

        if (parts is [_, "api_keys"] && request.Method == "GET")
        {
            if (!request.Query.Contains("owner_project_access=any", StringComparison.Ordinal))
            {
                // without it, "existing membership-based visibility rules" apply: here, service-account keys are hidden
                return Page(request, project.Live().Where(k => k.ServiceAccountId is null).Select(k => (k.Id, (JsonNode)KeyJson(k))).ToList());
            }

            return Page(request, project.Live().Select(k => (k.Id, (JsonNode)KeyJson(k))).ToList());
        }

        if (parts is [_, "api_keys", var keyId] && request.Method == "DELETE")
        {
            var key = project.Live().FirstOrDefault(k => k.Id == keyId);
            if (key is null)
            {
                return NotFound($"No such API key: {keyId}");
            }

            if (key.ServiceAccountId is not null && RefusesServiceAccountKeyDelete)
            {
                return FakeResponse.Json(400, """{"error":{"message":"Cannot delete an API key that belongs to a service account. Delete the service account instead.","type":"invalid_request_error","param":null,"code":null}}""");
            }

            project.Deleted.Add(key.Id);
            return FakeResponse.Json(200, $$"""{"object":"organization.project.api_key.deleted","id":"{{key.Id}}","deleted":true}""");
        }

        if (parts is [_, "service_accounts", var accountId] && request.Method == "DELETE")
        {
            var keys = project.Live().Where(k => k.ServiceAccountId == accountId).ToList();
            if (keys.Count == 0)
            {
                return NotFound($"No such service account: {accountId}");
            }

            keys.ForEach(k => project.Deleted.Add(k.Id));
            return FakeResponse.Json(200, $$"""{"object":"organization.project.service_account.deleted","id":"{{accountId}}","deleted":true}""");
        }

        return NotFound("Not found");
    }

    private static JsonObject KeyJson(Key k) => new JsonObject
    {
        ["object"] = "organization.project.api_key",
        ["redacted_value"] = Redacted(k.Value),
        ["name"] = k.Name,
        ["created_at"] = 1711471533,
        ["last_used_at"] = 1711471534,
        ["id"] = k.Id,
        ["owner_project_access"] = "active",
        ["owner"] = k.ServiceAccountId is { } sa
            ? new JsonObject { ["type"] = "service_account", ["service_account"] = new JsonObject { ["object"] = "organization.project.service_account", ["id"] = sa, ["name"] = "ci-bot", ["role"] = "member", ["created_at"] = 1711471533 } }
            : new JsonObject { ["type"] = "user", ["user"] = new JsonObject { ["object"] = "organization.project.user", ["id"] = "user_abc", ["name"] = "First Last", ["email"] = "user@example.com", ["role"] = "owner", ["added_at"] = 1711471533 } },
    };

    private FakeResponse Page(RecordedRequest request, List<(string Id, JsonNode Json)> items)
    {
        var after = Query(request, "after");
        var start = after is null ? 0 : items.FindIndex(i => i.Id == after) + 1;
        var page = items.Skip(start).Take(PageSize).ToList();
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page.Select(p => p.Json.DeepClone())]),
            ["first_id"] = page.Count > 0 ? page[0].Id : null,
            ["last_id"] = page.Count > 0 ? page[^1].Id : null,
            ["has_more"] = start + page.Count < items.Count,
        };
        return FakeResponse.Json(200, body.ToJsonString());
    }

    private FakeResponse? Auth(RecordedRequest request)
    {
        var key = Bearer(request);
        if (key == AdminKey)
        {
            return null;
        }

        if (_projects.Values.Any(p => p.Live().Any(k => k.Value == key)))
        {
            return FakeResponse.Json(403, """{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.","type":"invalid_request_error","param":null,"code":null}}""");
        }

        return InvalidKey(key);
    }

    private static FakeResponse InvalidKey(string? key) => FakeResponse.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{Echo(key)}}}. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    private static FakeResponse NotFound(string message) => FakeResponse.Json(404, $$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":null,"code":null}}""");

    /// <summary>OpenAI echoes the start and the last 4 of a wrong key (<c>sk-proj-********...abcd</c>).</summary>
    private static string Echo(string? key) => key is null || key.Length < 12 ? "***" : $"{key[..8]}********{key[^4..]}";

    private static string? Bearer(RecordedRequest request) =>
        request.Header("Authorization") is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;

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

    private sealed record Key(string Id, string Name, string Value, string? ServiceAccountId);

    private sealed class Project(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public List<Key> Keys { get; } = [];

        public ConcurrentBag<string> Deleted { get; } = [];

        public IEnumerable<Key> Live() => Keys.Where(k => !Deleted.Contains(k.Id));
    }
}

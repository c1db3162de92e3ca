using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.Revocation;

/// <summary>
/// Google's API Keys API v2 on a <see cref="FakeProviderServer"/>, stateful, as its reference describes
/// (https://cloud.google.com/api-keys/docs/reference/rest/v2/keys/lookupKey, .../projects.locations.keys/delete,
/// .../operations, https://cloud.google.com/api-keys/docs/polling-operations). Every call needs
/// <c>Authorization: Bearer</c> with a token <see cref="FakeGoogleOAuth"/> issued and that has not expired; otherwise 401
/// UNAUTHENTICATED with Google's real message. <c>GET /v2/keys:lookupKey?keyString=</c> answers
/// <c>{"parent","name"}</c> (documented), only <c>parent</c> once the key is purged (proto3 JSON leaves an empty
/// <c>name</c> out); a key in a project the account has no rights on 403 PERMISSION_DENIED; an unknown key 400
/// INVALID_ARGUMENT. <c>DELETE /v2/projects/{n}/locations/global/keys/{uid}</c> answers an <c>Operation</c> whose
/// <c>name</c> (<c>operations/akmf.…</c>) and Key <c>response</c> follow the polling guide's example
/// (<see cref="DeleteDone"/> false leaves the response out, as an operation still running has none); deleting it again
/// 404 NOT_FOUND. Errors use Google's envelope <c>{"error":{"code","message","status"}}</c>; the messages of the 400,
/// 403 and 404 are filled in after Google's usual IAM and resource wording, not recorded.
/// </summary>
public sealed class FakeGoogleApiKeys
{
    private readonly ConcurrentDictionary<string, Key> _byValue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rights = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _deleted = new();

    public FakeGoogleApiKeys(FakeProviderServer server, FakeGoogleOAuth oauth)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        OAuth = oauth;
        server.On("GET", "/v2/keys:lookupKey", Lookup);
        server.On("DELETE", "/v2/projects/*", Delete);
    }

    public FakeProviderServer Server { get; }

    public FakeGoogleOAuth OAuth { get; }

    /// <summary>Whether a delete's operation is already done (<c>true</c>) or still running.</summary>
    public bool DeleteDone { get; set; } = true;

    /// <summary>The resource names deleted, in order.</summary>
    public IReadOnlyList<string> Deleted => [.. _deleted];

    /// <summary>A key of project <paramref name="projectNumber"/>; <paramref name="accountHasRights"/>: the service account may look up and delete there.</summary>
    public FakeGoogleApiKeys AddKey(string projectNumber, string uid, string keyString, string displayName = "Gemini API Key", bool accountHasRights = true)
    {
        _byValue[keyString] = new Key(projectNumber, uid, displayName);
        _rights[projectNumber] = accountHasRights;
        return this;
    }

    /// <summary>Purges a key (past its 30 days): the lookup then answers no name.</summary>
    public void Purge(string keyString) => _byValue[keyString].Purged = true;

    private FakeResponse Lookup(RecordedRequest request)
    {
        if (Unauthenticated(request) is { } refused)
        {
            return refused;
        }

        var keyString = Query(request, "keyString");
        if (string.IsNullOrEmpty(keyString))
        {
            return Error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
        }

        if (!_byValue.TryGetValue(keyString, out var key))
        {
            return Error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
        }

        if (!_rights[key.Project])
        {
            return Error(403, "PERMISSION_DENIED", $"Permission 'apikeys.keys.lookup' denied on resource '//apikeys.googleapis.com/projects/{key.Project}/locations/global/keys/{key.Uid}' (or it may not exist).");
        }

        var body = new JsonObject { ["parent"] = $"projects/{key.Project}/locations/global" };
        if (!key.Purged)
        {
            body["name"] = key.Name;
        }

        return FakeResponse.Json(200, body.ToJsonString());
    }

    private FakeResponse Delete(RecordedRequest request)
    {
        if (Unauthenticated(request) is { } refused)
        {
            return refused;
        }

        var name = request.Path["/v2/".Length..];
        var key = _byValue.Values.FirstOrDefault(k => k.Name == name && !k.Purged);
        if (key is not null && !_rights[key.Project])
        {
            return Error(403, "PERMISSION_DENIED", $"Permission 'apikeys.keys.delete' denied on resource '//apikeys.googleapis.com/{name}' (or it may not exist).");
        }

        if (key is null || key.DeletedAt is not null)
        {
            return Error(404, "NOT_FOUND", $"Key {name} not found.");
        }

        key.DeletedAt = "2026-11-27T12:00:03.118Z";
        _deleted.Enqueue(name);
        var operation = new JsonObject { ["name"] = "operations/akmf.p7-" + key.Project + "-" + Guid.NewGuid().ToString("D"), ["done"] = DeleteDone };
        if (DeleteDone)
        {
            operation["response"] = new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.api.apikeys.v2.Key",
                ["name"] = key.Name,
                ["displayName"] = key.DisplayName,
                ["createTime"] = "2025-03-04T09:12:44.531Z",
                ["uid"] = key.Uid,
                ["updateTime"] = key.DeletedAt,
                ["deleteTime"] = key.DeletedAt,
                ["restrictions"] = new JsonObject { ["apiTargets"] = new JsonArray(new JsonObject { ["service"] = "generativelanguage.googleapis.com" }) },
                ["etag"] = "W/\"k0bsYGkIvSxDVwNxyw49NQ==\"",
            };
        }

        return FakeResponse.Json(200, operation.ToJsonString());
    }

    private FakeResponse? Unauthenticated(RecordedRequest request)
    {
        var auth = request.Header("Authorization");
        return auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) && OAuth.IsValid(auth["Bearer ".Length..])
            ? null
            : Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");
    }

    private static FakeResponse Error(int code, string status, string message) =>
        FakeResponse.Json(code, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status } }.ToJsonString());

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

    private sealed record Key(string Project, string Uid, string DisplayName)
    {
        public string Name => $"projects/{Project}/locations/global/keys/{Uid}";

        public bool Purged { get; set; }

        public string? DeletedAt { get; set; }
    }
}

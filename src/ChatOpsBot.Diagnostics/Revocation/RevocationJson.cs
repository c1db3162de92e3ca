using System.Text.Json.Serialization;

namespace ChatOpsBot.Diagnostics.Revocation;

// The admin APIs' answers, only the fields we read (snake_case on the wire; RevocationJsonContext).

/// <summary>OpenAI's list envelope (<c>data</c>, <c>has_more</c>, <c>last_id</c>); Anthropic's has the same fields.</summary>
internal sealed class AdminPage<T>
{
    public List<T> Data { get; set; } = [];

    public bool HasMore { get; set; }

    public string? LastId { get; set; }
}

/// <summary>OpenAI <c>organization.project</c>.</summary>
internal sealed class OpenAIProjectJson
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Status { get; set; }
}

/// <summary>OpenAI <c>organization.project.api_key</c>.</summary>
internal sealed class OpenAIProjectKeyJson
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? RedactedValue { get; set; }

    public OpenAIKeyOwnerJson? Owner { get; set; }
}

/// <summary>OpenAI key owner: <c>type</c> user or service_account, and that object.</summary>
internal sealed class OpenAIKeyOwnerJson
{
    public string? Type { get; set; }

    public OpenAINamedJson? ServiceAccount { get; set; }

    public OpenAINamedJson? User { get; set; }
}

/// <summary>An object with an id and a name (a user, a service account).</summary>
internal sealed class OpenAINamedJson
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }
}

/// <summary>Anthropic <c>api_key</c>.</summary>
internal sealed class AnthropicKeyJson
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? WorkspaceId { get; set; }

    public string? PartialKeyHint { get; set; }

    public string? Status { get; set; }
}

/// <summary>Anthropic <c>organization</c> (<c>GET /v1/organizations/me</c>).</summary>
internal sealed class AnthropicOrganizationJson
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }
}

/// <summary>xAI's <c>GET /v1/api-key</c> answer (the key's own description).</summary>
internal sealed class XAIKeyInfoJson
{
    public string? ApiKeyId { get; set; }

    public string? Name { get; set; }

    public string? TeamId { get; set; }

    public string? RedactedApiKey { get; set; }
}

/// <summary>OpenRouter's key list (<c>data</c>).</summary>
internal sealed class OpenRouterKeysJson
{
    public List<OpenRouterKeyJson> Data { get; set; } = [];
}

/// <summary>One OpenRouter key: <c>hash</c> (its id), <c>name</c>, <c>label</c> (masked), <c>disabled</c>.</summary>
internal sealed class OpenRouterKeyJson
{
    public string Hash { get; set; } = "";

    public string? Name { get; set; }

    public string? Label { get; set; }

    public bool Disabled { get; set; }
}

/// <summary>A Google service account key file (only the fields we read).</summary>
internal sealed class GoogleServiceAccountJson
{
    public string? Type { get; set; }

    public string? ClientEmail { get; set; }

    public string? PrivateKey { get; set; }

    public string? PrivateKeyId { get; set; }

    public string? TokenUri { get; set; }

    public string? ProjectId { get; set; }
}

/// <summary>Google's OAuth token answer: <c>access_token</c>, <c>expires_in</c>, <c>token_type</c>; or <c>error</c>, <c>error_description</c>.</summary>
internal sealed class GoogleTokenJson
{
    public string? AccessToken { get; set; }

    public int ExpiresIn { get; set; }

    public string? TokenType { get; set; }

    public string? Error { get; set; }

    public string? ErrorDescription { get; set; }
}

/// <summary>The API Keys API's <c>keys:lookupKey</c> answer.</summary>
internal sealed class GoogleLookupJson
{
    public string? Parent { get; set; }

    public string? Name { get; set; }
}

/// <summary>A long-running <c>Operation</c> (<c>name</c>, <c>done</c>, <c>error</c> or <c>response</c>, the key).</summary>
internal sealed class GoogleOperationJson
{
    public string? Name { get; set; }

    public bool Done { get; set; }

    public GoogleStatusJson? Error { get; set; }

    public GoogleKeyJson? Response { get; set; }
}

/// <summary>The parts of an API Keys <c>Key</c> we read.</summary>
internal sealed class GoogleKeyJson
{
    public string? Name { get; set; }

    public string? Uid { get; set; }
}

/// <summary>Google's error envelope: <c>{"error":{"code","message","status"}}</c>.</summary>
internal sealed class GoogleErrorJson
{
    public GoogleStatusJson? Error { get; set; }
}

/// <summary>A <c>google.rpc.Status</c>.</summary>
internal sealed class GoogleStatusJson
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public string? Status { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AdminPage<OpenAIProjectJson>))]
[JsonSerializable(typeof(AdminPage<OpenAIProjectKeyJson>))]
[JsonSerializable(typeof(AdminPage<AnthropicKeyJson>))]
[JsonSerializable(typeof(AnthropicOrganizationJson))]
[JsonSerializable(typeof(AnthropicKeyJson))]
[JsonSerializable(typeof(XAIKeyInfoJson))]
[JsonSerializable(typeof(OpenRouterKeysJson))]
[JsonSerializable(typeof(GoogleServiceAccountJson))]
[JsonSerializable(typeof(GoogleTokenJson))]
[JsonSerializable(typeof(GoogleLookupJson))]
[JsonSerializable(typeof(GoogleOperationJson))]
[JsonSerializable(typeof(GoogleErrorJson))]
internal sealed partial class RevocationJsonContext : JsonSerializerContext;

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

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AdminPage<OpenAIProjectJson>))]
[JsonSerializable(typeof(AdminPage<OpenAIProjectKeyJson>))]
[JsonSerializable(typeof(AdminPage<AnthropicKeyJson>))]
[JsonSerializable(typeof(AnthropicOrganizationJson))]
[JsonSerializable(typeof(AnthropicKeyJson))]
[JsonSerializable(typeof(XAIKeyInfoJson))]
[JsonSerializable(typeof(OpenRouterKeysJson))]
internal sealed partial class RevocationJsonContext : JsonSerializerContext;

using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Keys;

public static partial class KeyInspector
{
    /// <summary>A shape of no known platform: a gateway's own key, or not a key at all.</summary>
    private static Finding? UnknownFormat(KeyShape shape, string candidate, ProviderId expected, string subject, JsonObject evidence)
    {
        if (shape.Platform != KeyPlatform.Unknown || expected.ExpectedKeyPlatform() == KeyPlatform.Unknown)
        {
            return null; // a known platform's key is WrongPlatform's; a gateway's own keys have any form
        }

        var provider = expected.DisplayName();
        var what = shape == KeyShapes.GenericSk
            ? $"starts with sk- but matches no known {provider} key format"
            : $"does not match any known key format";
        return Create(VerdictCodes.KeyMalformed, expected,
            $"{subject} ({candidate.Length} characters) {what}; {provider} keys look like {ExpectedForm(expected)}. A gateway's own key (one-api, LiteLLM, a proxy) is fine with --base-url pointing at the gateway.",
            evidence, Severity.Warn, $"This does not look like {(provider[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an" : "a")} {provider} key");
    }

    /// <summary>Another platform's key or token (OpenRouter, another AI provider, GitHub, Slack…).</summary>
    private static Finding? WrongPlatform(KeyShape shape, ProviderId expected, JsonObject evidence)
    {
        if (shape.Platform == expected.ExpectedKeyPlatform())
        {
            return null;
        }

        var provider = expected.DisplayName();
        var severity = Severity.Error;
        string detail;
        IReadOnlyList<string>? steps = ProviderRegistry.FindByKeyPlatform(shape.Platform) is { } owner
            ? [$"If it is meant for {owner.DisplayName}, diagnose it there: chatopsbot diagnose {owner.Wire} (in chat: /diagnose {owner.Wire})."]
            : null;
        if (expected.ExpectedKeyPlatform() == KeyPlatform.Unknown && shape.Platform.IsAiProvider())
        {
            // A gateway usually issues keys of its own, but some pass a provider's key through: a hint, not a verdict.
            severity = Severity.Warn;
            detail = $"This is a {shape.Kind}, given to {provider}. Gateways usually issue keys of their own; it works only if this one passes {shape.Platform.DisplayName()} keys through.";
        }
        else if (shape.Platform == KeyPlatform.OpenRouter)
        {
            detail = $"This is an {shape.Kind}, but it was given to {provider}. OpenRouter keys work only at OpenRouter.";
            steps = [expected == ProviderId.OpenAI
                ? "To use this key, point the OpenAI client at OpenRouter: --base-url https://openrouter.ai/api/v1 (or OPENAI_BASE_URL)."
                : "To use this key, send requests to OpenRouter (https://openrouter.ai/api/v1), not to " + provider + ".", .. steps ?? []];
        }
        else if (shape.Platform.IsAiProvider())
        {
            detail = $"This is a {shape.Kind}, but it was given to {provider}.";
        }
        else
        {
            detail = $"This is a {shape.Kind} ({shape.Platform.DisplayName()}), not an AI API key, but it was given to {provider}. If it was pasted somewhere others can see, rotate it.";
        }

        evidence["key_platform"] = shape.Platform.DisplayName();
        return Create(VerdictCodes.KeyWrongPlatform, expected, detail, evidence, severity, extraSteps: steps);
    }

    /// <summary>
    /// A shape several platforms share, or a bare one with no prefix (<see cref="KeyShape.CouldBe"/>): nothing when the
    /// provider's own keys may look so (or it is a gateway, whose keys have any form); else which providers it could be
    /// (a warning: the shape alone cannot tell, the provider's answer will).
    /// </summary>
    internal static Finding? CouldBe(KeyShape shape, ProviderId expected, JsonObject evidence)
    {
        var platform = expected.ExpectedKeyPlatform();
        if (shape.CouldBe.Count == 0 || platform == KeyPlatform.Unknown || shape.CouldBe.Contains(platform))
        {
            return null;
        }

        var owners = shape.CouldBe.Select(p => (Platform: p, Provider: ProviderRegistry.FindByKeyPlatform(p))).ToList();
        var names = owners.Select(o => o.Provider?.DisplayName ?? o.Platform.DisplayName()).ToList();
        var could = names.Count == 1 ? names[0] : string.Join(", ", names.SkipLast(1)) + " or " + names[^1];
        var provider = expected.DisplayName();
        evidence["could_be"] = new JsonArray([.. names.Select(n => (JsonNode)n)]);
        IReadOnlyList<string> steps = [.. owners.Where(o => o.Provider is not null)
            .Select(o => $"If it is a {o.Provider!.DisplayName} key, diagnose it there: chatopsbot diagnose {o.Provider.Wire} (in chat: /diagnose {o.Provider.Wire}).")];
        return Create(VerdictCodes.KeyWrongPlatform, expected,
            $"This key does not look like a {provider} key ({ExpectedForm(expected)}); its shape fits a {could} key. It could be one of those, given to {provider}.",
            evidence, Severity.Warn, $"This may be a key of {could}", steps);
    }

    /// <summary>An admin key: it manages the organization and the model endpoints refuse it.</summary>
    private static Finding? AdminKey(KeyShape shape, ProviderId expected, JsonObject evidence) =>
        !shape.IsAdminKey ? null
        : Create(VerdictCodes.KeyAdminKey, expected,
            $"This is an {shape.Kind}: it manages the organization (keys, users, usage) and {expected.DisplayName()}'s model endpoints refuse it.",
            evidence);

    /// <summary>A Claude subscription's OAuth token or session cookie, not an API key.</summary>
    private static Finding? SubscriptionToken(KeyShape shape, ProviderId expected, JsonObject evidence)
    {
        if (shape.Prefix is not ("sk-ant-oat01-" or "sk-ant-ort01-" or "sk-ant-sid01-"))
        {
            return null;
        }

        var severity = shape.Prefix == "sk-ant-oat01-" ? Severity.Warn : Severity.Error;
        return Create(VerdictCodes.KeyWrongPlatform, expected,
            $"This is an {shape.Kind}, issued to a Claude subscription, not an API key; the API expects a key from the Console (sk-ant-api03-…).",
            evidence, severity, "This is not an API key");
    }

    /// <summary>The right prefix, but the wrong length or characters: a copy cut short or run into other text.</summary>
    private static Finding? Incomplete(KeyShapeMatch match, string candidate, ProviderId expected, JsonObject evidence)
    {
        if (match.IsWellFormed || match.Rule is not { } rule)
        {
            return null;
        }

        var shape = match.Shape;
        evidence["expected_length"] = rule.ExpectedLength;
        var body = candidate.AsSpan(rule.Prefix.Length);
        var lengthOk = body.Length >= rule.MinBody && body.Length <= rule.MaxBody;
        var detail = lengthOk
            ? $"It starts like an {shape.Kind} ({shape.Prefix}) and has the right length, but holds characters (or an ending) such keys never have."
            : $"It starts like an {shape.Kind} ({shape.Prefix}) but is {candidate.Length} characters long; such keys have {rule.ExpectedLength}.";
        return Create(VerdictCodes.KeyMalformed, expected, detail, evidence);
    }

    private static string ExpectedForm(ProviderId expected) =>
        ProviderRegistry.Find(expected)?.KeyHint ?? "the provider's documented format";
}

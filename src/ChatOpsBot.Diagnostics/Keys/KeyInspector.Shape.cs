using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Keys;

public static partial class KeyInspector
{
    /// <summary>A shape of no known platform: a gateway's own key, or not a key at all.</summary>
    private static Finding? UnknownFormat(KeyShape shape, string candidate, ProviderId expected, string subject, JsonObject evidence)
    {
        // A provider whose keys have no shape (an OpenAI-compatible gateway mints keys of any form) takes any key.
        if (shape.Platform != KeyPlatform.Unknown || expected.ExpectedKeyPlatform() == KeyPlatform.Unknown)
        {
            return null;
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
        string detail;
        IReadOnlyList<string>? steps = null;
        if (shape.Platform == KeyPlatform.OpenRouter)
        {
            detail = $"This is an {shape.Kind}, but it was given to {provider}. OpenRouter keys work only at OpenRouter.";
            steps = expected == ProviderId.OpenAI
                ? ["To use this key, point the OpenAI client at OpenRouter: --base-url https://openrouter.ai/api/v1 (or OPENAI_BASE_URL)."]
                : ["To use this key, send requests to OpenRouter (https://openrouter.ai/api/v1), not to " + provider + "."];
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
        if (expected.ExpectedKeyPlatform() == KeyPlatform.Unknown)
        {
            // A gateway's keys have no shape of their own, and some gateways pass the caller's provider key through:
            // worth a warning, not a refusal.
            return Create(VerdictCodes.KeyWrongPlatform, expected,
                detail + " A gateway may accept it (some pass the caller's own provider key through), so this is only a warning: check it is the key the gateway expects.",
                evidence, Severity.Warn, extraSteps: steps);
        }

        return Create(VerdictCodes.KeyWrongPlatform, expected, detail, evidence, extraSteps: steps);
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

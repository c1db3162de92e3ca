using System.Globalization;
using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Core.Conversation;

/// <summary>The conversation's own texts. Short and actionable; never a user's text quoted back at length.</summary>
internal static class ConversationTexts
{
    /// <summary>"openai (chatgpt), anthropic (claude), …, midjourney": every word <c>/diagnose</c> takes but all.</summary>
    public static string ProviderWords { get; } = string.Join(", ", ProviderRegistry.Descriptors
        .Select(d => d.Aliases.Count == 0 ? d.Wire : $"{d.Wire} ({string.Join(", ", d.Aliases)})")
        .Append(CommandIds.Midjourney));

    /// <summary>The help text; its provider words are read from the registry.</summary>
    public static string HelpText { get; } = $"""
        ChatOpsBot tells you why an AI API key does not work: what is wrong, why, and what to do next.

        Commands:
          /diagnose <provider|all> [model] [deep] [key name]
              providers: {ProviderWords}.
              "all" checks the team's key of every provider that has one. "deep" also sends a 1-token request (may cost a tiny amount).
              With a key name (or key:<name>), a team key is checked; see /keys.
          /status   every monitored key: state, last check, last 24 hours (with a chart)
          /keys     the team's configured keys, by name and masked form
          /alerts list | subscribe | unsubscribe | test
                    where alerts go; send them to this channel or chat, or stop them; a test alert
          /alerts mute <target> <duration>, /alerts unmute <target>
                    hold one key's alerts for a while (30m, 2h, 1d)
          /help     this text

        To check your own key, send it to me in a private message (a DM, or "Enter key privately"), for example:
          gemini AIza…
        Never paste a key in a channel: everyone there can read it.
        """;

    public static Reply Help(string? problem = null) => Help(problem, HelpText);

    /// <summary>A help text (<paramref name="helpText"/>), after what went wrong when something did.</summary>
    public static Reply Help(string? problem, string helpText) => new()
    {
        Kind = ReplyKind.Help,
        Visibility = ReplyVisibility.Private,
        Text = problem is null ? helpText : $"{problem}\n\n{helpText}",
    };

    public static Reply Info(string text, ReplyVisibility visibility = ReplyVisibility.Private, IReadOnlyList<ReplyButton>? buttons = null) =>
        new() { Kind = ReplyKind.Info, Visibility = visibility, Text = text, Buttons = buttons ?? [] };

    public static Reply Refusal(string text, IReadOnlyList<ReplyButton>? buttons = null) =>
        new() { Kind = ReplyKind.Refusal, Visibility = ReplyVisibility.Private, Text = text, Buttons = buttons ?? [] };

    public static Reply MidjourneyElsewhere() => Info(
        "Midjourney has no API key to check: it lives on Discord. Run /diagnose provider:midjourney in the Discord channel where it does not answer, " +
        "and I will check that server and channel (is the Midjourney Bot there, may it post, may you use its commands).\n" +
        "Meanwhile, the usual causes, most likely first:\n" +
        "1. No active subscription: midjourney.com → Manage Subscription (there is no free trial).\n" +
        "2. In a DM with the Midjourney Bot: you must share a server with it and allow DMs from that server's members (Server → Privacy Settings).\n" +
        "3. On the web: midjourney.com → Create, signed in with the account that holds the subscription.\n" +
        "4. \"Banned prompt detected\" or an image filter: Midjourney's own moderation; rephrase the prompt.");

    public static Reply NoTeamAccess(ChatPlatform platform, string providerWord) => Refusal(
        "The team's keys are only for the team. An operator can let you use them by adding your id to " +
        $"{AccessPolicy.SettingsFor(platform)}. You can still check a key of your own: send it to me privately.",
        ReplyBuilder.Buttons(null, false, providerWord));

    public static Reply RateLimited(DateTimeOffset retryAt, DateTimeOffset now, int limit) => Refusal(
        $"You have checked {limit} keys of your own in the last hour, the most I check per person (so I cannot be used to test stolen keys). " +
        $"Try again in {Wait(retryAt - now)} (at {retryAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC).");

    /// <summary>A key was posted where others can see it. Names kinds only: no key, not even a shown form.</summary>
    public static Reply Exposure(IReadOnlyList<KeyCandidate> keys, bool deleted)
    {
        var kinds = keys.Select(k => k.Shape.Kind).Distinct(StringComparer.Ordinal).ToList();
        var what = kinds.Count == 0 ? "what looks like a key or token" : $"what looks like {(keys.Count == 1 ? "a" : "several")} key{(keys.Count == 1 ? "" : "s")} ({string.Join(", ", kinds)})";
        var where = keys.Select(k => Rotate(k.Shape.Platform)).Distinct(StringComparer.Ordinal).ToList();
        var rotate = where.Count == 0 ? Rotate(KeyPlatform.Unknown) : string.Join(" ", where);
        var removal = deleted
            ? "I deleted the message."
            : "I could not delete the message: please delete it yourself.";
        return new Reply
        {
            Kind = ReplyKind.Exposure,
            Visibility = ReplyVisibility.Private,
            DeleteOriginal = true,
            Text = $"⚠️ Your message contained {what}. Everyone in that channel could read it, so treat it as exposed: rotate it now. {rotate}\n" +
                   $"{removal} To have a key checked, send it to me in a private message, never in a channel.",
        };
    }

    public static string Rotate(KeyPlatform platform) => platform switch
    {
        KeyPlatform.OpenAI => "OpenAI keys: https://platform.openai.com/api-keys",
        KeyPlatform.Anthropic => "Anthropic keys: https://console.anthropic.com/settings/keys",
        KeyPlatform.Google => "Gemini keys: https://aistudio.google.com/app/apikey",
        KeyPlatform.OpenRouter => "OpenRouter keys: https://openrouter.ai/settings/keys",
        KeyPlatform.XAI => "xAI keys: https://console.x.ai",
        KeyPlatform.Groq => "Groq keys: https://console.groq.com/keys",
        KeyPlatform.HuggingFace => "Hugging Face tokens: https://huggingface.co/settings/tokens",
        KeyPlatform.GitHubToken => "GitHub tokens: https://github.com/settings/tokens",
        KeyPlatform.SlackToken => "Slack tokens: https://api.slack.com/apps",
        KeyPlatform.DiscordBotToken => "Discord bot tokens: https://discord.com/developers/applications (Bot → Reset Token)",
        KeyPlatform.TelegramBotToken => "Telegram bot tokens: /revoke with @BotFather",
        _ => ProviderRegistry.FindByKeyPlatform(platform) is { } d
            ? $"{d.DisplayName} keys: {d.KeysPage}"
            : "Revoke it where it was issued and create a new one.",
    };

    /// <summary>An sk- key of no known format, checked as <paramref name="provider"/>'s: it may well be a gateway's own key.</summary>
    public static string MaybeGatewayKey(KeyCandidate key, ProviderId provider) =>
        $"{key.Shown} starts with sk- but fits no known provider's format: I checked it as {provider.DisplayName()}'s. It may be a gateway's own key " +
        "(LiteLLM, one-api/new-api, a proxy): such a key works only at that gateway, so check it there (the CLI's --base-url, or a team key with BaseUrl).";

    public static string NotAProviderKey(KeyCandidate key) =>
        $"{key.Shown} looks like a {key.Shape.Kind}: I diagnose {ProviderNames} keys only.";

    /// <summary>"OpenAI, Anthropic and Gemini": every registered provider.</summary>
    private static string ProviderNames { get; } = And(ProviderRegistry.Descriptors.Select(d => d.DisplayName));

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string And(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.SkipLast(1))} and {list[^1]}";
    }

    public static Reply AskForKey(IReadOnlyList<ProviderId> providers, bool isPrivate)
    {
        var names = string.Join(", ", providers.Select(p => p.DisplayName()));
        var word = providers.Count == 1 ? providers[0].Wire() : "all";
        var text = isPrivate
            ? $"No team key is configured for {names}. Paste your key here (for example: {providers[0].Wire()} <your key>) and I will check it; it stays between us."
            : $"No team key is configured for {names}. To check a key of your own, enter it privately (never in the channel).";
        return Info(text, ReplyVisibility.Private, ReplyBuilder.Buttons(null, false, word));
    }

    public static string Wait(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(Math.Max(wait.TotalMinutes, 1));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    public static string KeysList(IEnumerable<(TeamKey Key, string? Shown)> keys)
    {
        var lines = keys.Select(k => $"  {k.Key.Name} — {k.Key.Provider.Wire()} — {k.Shown ?? $"not set ({k.Key.Origin} is empty or missing)"}"
            + (k.Key.Model is null ? "" : $" — model {k.Key.Model}")).ToList();
        return lines.Count == 0
            ? "No team keys are configured. An operator adds them as TeamKeys:N:Name, Provider and KeyEnv or KeyFile."
            : "The team's keys:\n" + string.Join("\n", lines) + "\nCheck one with /diagnose key:<name>.";
    }
}

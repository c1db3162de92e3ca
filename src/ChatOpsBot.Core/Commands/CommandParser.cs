using ChatOpsBot.Core.Intake;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// The one command parser of every platform: text (<c>/diagnose gemini gpt-4o deep</c>, <c>diagnose claude</c>,
/// Telegram's <c>/diagnose@MyBot claude</c>) and structured slash commands (name plus options). Key-shaped words are
/// skipped: <see cref="KeyIntake"/> takes those, and no key ever lands in a <see cref="ChatCommand"/>.
/// </summary>
public static class CommandParser
{
    private static readonly char[] Space = [' ', '\t', '\r', '\n', '\u00A0'];

    /// <summary>Parses a text message.</summary>
    /// <param name="text">The message as typed.</param>
    /// <param name="botUsername">The bot's own username (Telegram); a command addressed to another bot is <see cref="CommandKind.OtherBot"/>.</param>
    public static ChatCommand Parse(string? text, string? botUsername = null)
    {
        var words = (text ?? "").Split(Space, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return ChatCommand.NotACommand;
        }

        var first = words[0];
        var slashed = first.StartsWith('/');
        var name = slashed ? first[1..] : first;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var addressee = name[(at + 1)..];
            name = name[..at];
            if (botUsername is not null && !string.Equals(addressee, botUsername.TrimStart('@'), StringComparison.OrdinalIgnoreCase))
            {
                return new ChatCommand { Kind = CommandKind.OtherBot };
            }
        }

        var kind = KindOf(name);
        if (kind is null)
        {
            // "/whatever" is an unknown command; a plain sentence is no command at all.
            return slashed ? new ChatCommand { Kind = CommandKind.Unknown, Slashed = true, Problem = $"I do not know the command \"/{Clip(name)}\"." } : ChatCommand.NotACommand;
        }

        if (kind == CommandKind.Alerts)
        {
            return Alerts(words.Length > 1 ? words[1] : null, words.Skip(2).ToList(), null, null) with { Slashed = slashed };
        }

        var options = new List<KeyValuePair<string, string>>();
        var bare = new List<string>();
        foreach (var word in words.Skip(1))
        {
            if (KeyIntake.LooksLikeKey(word) || KeyIntake.Masked(word) is not null)
            {
                continue;
            }

            if (SecretLike.Looks(word))
            {
                return new ChatCommand { Kind = CommandKind.Unknown, Slashed = slashed, Problem = SecretLike.Problem };
            }

            var colon = word.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && IsOptionName(word[..colon]))
            {
                options.Add(KeyValuePair.Create(word[..colon].ToLowerInvariant(), word[(colon + 1)..]));
            }
            else if (colon > 0 && word.IndexOf('…', StringComparison.Ordinal) < 0 && char.IsAsciiLetter(word[0]) && word[..colon].All(char.IsAsciiLetter))
            {
                return new ChatCommand { Kind = CommandKind.Unknown, Problem = $"I do not know the option \"{Clip(word[..colon])}\"." };
            }
            else
            {
                bare.Add(word);
            }
        }

        return Build(kind.Value, options, bare) with { Slashed = slashed };
    }

    /// <summary>Parses a structured slash command (Discord interactions): its name and its options by name.</summary>
    public static ChatCommand Parse(string name, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        var kind = KindOf(name.TrimStart('/'));
        if (kind is null)
        {
            return new ChatCommand { Kind = CommandKind.Unknown, Problem = $"I do not know the command \"/{Clip(name)}\"." };
        }

        if (kind == CommandKind.Alerts)
        {
            string? Get(string key) => options.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
            var unknown = options.Keys.FirstOrDefault(k => k.ToLowerInvariant() is not (CommandIds.ActionOption or CommandIds.TargetOption or CommandIds.DurationOption));
            return unknown is not null
                ? new ChatCommand { Kind = CommandKind.Alerts, Slashed = true, Problem = $"I do not know the option \"{Clip(unknown)}\"." }
                : Alerts(Get(CommandIds.ActionOption), [], NullIfEmpty(Get(CommandIds.TargetOption) ?? ""), Get(CommandIds.DurationOption)) with { Slashed = true };
        }

        foreach (var (option, value) in options)
        {
            if (!IsOptionName(option))
            {
                return new ChatCommand { Kind = CommandKind.Unknown, Problem = $"I do not know the option \"{Clip(option)}\"." };
            }

            if (SecretLike.Looks(value) && !KeyIntake.LooksLikeKey(value))
            {
                return new ChatCommand { Kind = CommandKind.Unknown, Slashed = true, Problem = SecretLike.Problem };
            }
        }

        return Build(kind.Value, [.. options.Select(o => KeyValuePair.Create(o.Key.ToLowerInvariant(), o.Value))], []) with { Slashed = true };
    }

    /// <summary>
    /// Whether structured command <paramref name="name"/> with <paramref name="options"/> asks for alerts where it was
    /// given (<c>/alerts subscribe</c> or <c>/alerts test</c>), so an adapter can check that alerts can arrive there.
    /// </summary>
    public static bool AsksForAlertsHere(string name, IReadOnlyDictionary<string, string> options)
    {
        var command = Parse(name, options);
        return command.Kind == CommandKind.Alerts && command.Alert is AlertAction.Subscribe or AlertAction.Test;
    }

    /// <summary>
    /// Gives meaning to the bare words after the provider: a word naming a team key (<paramref name="isTeamKeyName"/>)
    /// is the key; with no provider named, the first other word is an unknown provider; otherwise it is the model.
    /// </summary>
    public static ChatCommand ResolveWords(ChatCommand command, Func<string, bool> isTeamKeyName)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(isTeamKeyName);
        if (command.Kind != CommandKind.Diagnose || command.Words.Count == 0)
        {
            return command;
        }

        var keyName = command.KeyName;
        var model = command.Model;
        foreach (var word in command.Words)
        {
            if (keyName is null && isTeamKeyName(word))
            {
                keyName = word;
            }
            else if (command.Providers.Count == 0 && !command.Midjourney && model is null && keyName is null)
            {
                return command with { Kind = CommandKind.Unknown, Problem = $"I do not know the provider \"{Clip(word)}\". Try: {ProviderCatalog.UsageList}." };
            }
            else if (model is null)
            {
                model = word;
            }
            else
            {
                return command with { Kind = CommandKind.Unknown, Problem = $"I did not understand \"{Clip(word)}\"." };
            }
        }

        return command with { KeyName = keyName, Model = model, Words = [] };
    }

    /// <summary>Parses a provider word or alias: <c>openai</c>/<c>chatgpt</c>, <c>anthropic</c>/<c>claude</c>, <c>gemini</c>/<c>google</c>, <c>midjourney</c>, <c>all</c>.</summary>
    public static bool TryParseProvider(string? word, out IReadOnlyList<ProviderId> providers, out bool midjourney)
    {
        midjourney = false;
        providers = [];
        var w = word?.Trim().ToLowerInvariant();
        if (w is CommandIds.Midjourney or "mj")
        {
            midjourney = true;
            return true;
        }

        if (w == CommandIds.All)
        {
            // In chat, `all` keeps its meaning: the providers with a public API root (no gateway named by a chat user).
            providers = [.. ProviderCatalog.All.Where(id => ProviderRegistry.Find(id)?.DefaultBaseUrl is not null)];
            return true;
        }

        if (ProviderCatalog.TryParse(w, out var id))
        {
            providers = [id.Value];
            return true;
        }

        return false;
    }

    private static ChatCommand Build(CommandKind kind, List<KeyValuePair<string, string>> options, List<string> bare)
    {
        if (kind != CommandKind.Diagnose)
        {
            return new ChatCommand { Kind = kind };
        }

        IReadOnlyList<ProviderId> providers = [];
        var midjourney = false;
        string? model = null;
        string? keyName = null;
        var deep = false;
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case CommandIds.ProviderOption when TryParseProvider(value, out var p, out var mj):
                    providers = p;
                    midjourney = mj;
                    break;
                case CommandIds.ProviderOption:
                    return new ChatCommand { Kind = CommandKind.Unknown, Problem = $"I do not know the provider \"{Clip(value)}\". Try: {ProviderCatalog.UsageList}." };
                case CommandIds.ModelOption:
                    model = NullIfEmpty(value);
                    break;
                case CommandIds.DeepOption:
                    deep = value.Trim().ToLowerInvariant() is "" or "true" or "yes" or "1" or "on";
                    break;
                case CommandIds.KeyOption:
                    keyName = NullIfEmpty(value);
                    break;
            }
        }

        var words = new List<string>();
        foreach (var word in bare)
        {
            if (providers.Count == 0 && !midjourney && words.Count == 0 && TryParseProvider(word, out var p, out var mj))
            {
                providers = p;
                midjourney = mj;
            }
            else if (string.Equals(word, CommandIds.DeepOption, StringComparison.OrdinalIgnoreCase))
            {
                deep = true;
            }
            else
            {
                words.Add(word);
            }
        }

        return new ChatCommand { Kind = kind, Providers = providers, Midjourney = midjourney, Model = model, KeyName = keyName, Deep = deep, Words = words };
    }

    /// <summary>
    /// <c>/alerts &lt;action&gt; [words]</c>: mute takes a target and a duration in either order (<c>mute prod 2h</c>,
    /// <c>mute 2h prod</c>), unmute a target; the others nothing. With no action it lists. A problem (an unknown
    /// action, a missing target, a bad duration) comes back as <see cref="ChatCommand.Problem"/> with the kind kept, so
    /// the reply is the help for <c>/alerts</c>.
    /// </summary>
    private static ChatCommand Alerts(string? actionWord, List<string> words, string? target, string? durationText)
    {
        var command = new ChatCommand { Kind = CommandKind.Alerts };
        if (target is not null && (KeyIntake.LooksLikeKey(target) || KeyIntake.Masked(target) is not null))
        {
            target = null; // a key typed into the target option: never kept, never echoed
        }

        if (SecretLike.Looks(target) || SecretLike.Looks(durationText) || words.Any(w => SecretLike.Looks(w) && !KeyIntake.LooksLikeKey(w)))
        {
            return command with { Problem = SecretLike.Problem };
        }

        AlertAction? action = actionWord?.Trim().ToLowerInvariant() switch
        {
            null or "" or CommandIds.AlertsList => AlertAction.List,
            CommandIds.AlertsSubscribe or "sub" => AlertAction.Subscribe,
            CommandIds.AlertsUnsubscribe or "unsub" => AlertAction.Unsubscribe,
            CommandIds.AlertsMute => AlertAction.Mute,
            CommandIds.AlertsUnmute => AlertAction.Unmute,
            CommandIds.AlertsTest => AlertAction.Test,
            _ => null,
        };
        if (action is null)
        {
            return command with { Problem = $"/alerts has no \"{Clip(actionWord!.Trim())}\"." };
        }

        foreach (var word in words)
        {
            if (KeyIntake.LooksLikeKey(word) || KeyIntake.Masked(word) is not null)
            {
                continue; // never a target, never echoed
            }

            if (action == AlertAction.Mute && durationText is null && (MuteDuration.LooksLikeDuration(word) || target is not null))
            {
                durationText = word;
            }
            else if (action is AlertAction.Mute or AlertAction.Unmute && target is null)
            {
                target = word;
            }
            else
            {
                return command with { Problem = $"I did not understand \"{Clip(word)}\" after /alerts {ActionWord(action.Value)}." };
            }
        }

        if (action is AlertAction.Mute or AlertAction.Unmute && target is null)
        {
            var example = action == AlertAction.Mute ? "/alerts mute prod-gemini 2h" : "/alerts unmute prod-gemini";
            return command with { Problem = $"Which target? For example: {example} (/status lists the targets)." };
        }

        TimeSpan? duration = null;
        if (action == AlertAction.Mute)
        {
            if (!MuteDuration.TryParse(durationText, out var d, out var problem))
            {
                return command with { Problem = problem };
            }

            duration = d;
        }

        return command with { Alert = action, Target = target, Duration = duration };
    }

    /// <summary>The word of a subcommand (<c>subscribe</c>).</summary>
    public static string ActionWord(AlertAction action) => action switch
    {
        AlertAction.List => CommandIds.AlertsList,
        AlertAction.Subscribe => CommandIds.AlertsSubscribe,
        AlertAction.Unsubscribe => CommandIds.AlertsUnsubscribe,
        AlertAction.Mute => CommandIds.AlertsMute,
        AlertAction.Unmute => CommandIds.AlertsUnmute,
        _ => CommandIds.AlertsTest,
    };

    private static CommandKind? KindOf(string name) => name.ToLowerInvariant() switch
    {
        CommandIds.Alerts or "alert" => CommandKind.Alerts,
        CommandIds.Diagnose => CommandKind.Diagnose,
        CommandIds.Status => CommandKind.Status,
        CommandIds.Help or CommandIds.Start => CommandKind.Help,
        CommandIds.Keys => CommandKind.Keys,
        _ => null,
    };

    private static bool IsOptionName(string name) => name.ToLowerInvariant() is CommandIds.ProviderOption or CommandIds.ModelOption
        or CommandIds.DeepOption or CommandIds.KeyOption;

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Echoed words are clipped: a user's text is quoted back only briefly.</summary>
    private static string Clip(string word) => SecretLike.Clip(word);
}

using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>The application commands the adapter registers with one bulk overwrite (docs/discord.md, Application commands).</summary>
public static class DiscordCommands
{
    private const int SubCommand = 1;
    private const int StringOption = 3;
    private const int BooleanOption = 5;

    /// <summary>
    /// <c>/diagnose provider:&lt;choice&gt; [model] [deep] [key]</c>, <c>/status</c>, <c>/help</c>, <c>/keys</c>, and
    /// <c>/alerts</c> with the subcommands list, subscribe, unsubscribe, mute (target, duration), unmute (target), test.
    /// <c>/alerts</c> has no <c>default_member_permissions</c>: who may use it is the bot's own access list
    /// (<c>Access:Discord:RoleIds</c>), and a server admin can narrow it further in Server Settings → Integrations. Global
    /// commands carry <c>contexts [0,1]</c> (servers and the bot's DM); guild commands cannot have BOT_DM, so
    /// <paramref name="guildScoped"/> gives <c>contexts [0]</c>.
    /// </summary>
    public static JsonArray Build(bool guildScoped)
    {
        var diagnose = Command(CommandIds.Diagnose, "Diagnose an AI API key or Midjourney access", guildScoped, new JsonArray(
            ProviderOption(CommandIds.ProviderChoices),
            new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.ModelOption, ["description"] = "A model to check access to", ["required"] = false, ["max_length"] = 100 },
            new JsonObject { ["type"] = BooleanOption, ["name"] = CommandIds.DeepOption, ["description"] = "Also try a 1-token generation (shows exhausted quota)", ["required"] = false },
            new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.KeyOption, ["description"] = "The name of a team key (never paste a key here: use the private form or a DM)", ["required"] = false, ["max_length"] = 100 }));
        return new JsonArray(
            diagnose,
            Command(CommandIds.Status, "Health of the team's keys", guildScoped, null),
            Command(CommandIds.Help, "What I can do, and how to give me a key privately", guildScoped, null),
            Command(CommandIds.Keys, "The team's configured keys, by name and masked form", guildScoped, null),
            Command(CommandIds.Alerts, "Alerts when a team key breaks: where they go, subscribe, mute, test", guildScoped, AlertsSubcommands()));
    }

    /// <summary>The subcommands of <c>/alerts</c> (type 1 options); each subcommand's options required first.</summary>
    private static JsonArray AlertsSubcommands()
    {
        JsonObject Target(string description) => new()
        {
            ["type"] = StringOption,
            ["name"] = CommandIds.TargetOption,
            ["description"] = description,
            ["required"] = true,
            ["max_length"] = 64,
            ["autocomplete"] = true,
        };

        return new JsonArray(
            Sub(CommandIds.AlertsList, "Where alerts go, for which keys, and anything stuck on the way"),
            Sub(CommandIds.AlertsSubscribe, "Send every monitored key's alerts to this channel too"),
            Sub(CommandIds.AlertsUnsubscribe, "Stop the alerts this channel subscribed to"),
            Sub(CommandIds.AlertsMute, "Hold one monitored key's alerts for a while (checks go on)",
                Target("The monitored key's name, as /status shows it"),
                new JsonObject
                {
                    ["type"] = StringOption,
                    ["name"] = CommandIds.DurationOption,
                    ["description"] = "How long: 30m, 2h, 1d, 1h30m (1 minute to 7 days)",
                    ["required"] = true,
                    ["max_length"] = 24,
                }),
            Sub(CommandIds.AlertsUnmute, "Alerts for a muted key again", Target("The monitored key's name, as /status shows it")),
            Sub(CommandIds.AlertsTest, "Send a test alert to this channel, the way real alerts come"));
    }

    private static JsonObject Sub(string name, string description, params JsonObject[] options)
    {
        var sub = new JsonObject { ["type"] = SubCommand, ["name"] = name, ["description"] = description };
        if (options.Length > 0)
        {
            sub["options"] = new JsonArray([.. options]);
        }

        return sub;
    }

    private static JsonObject Command(string name, string description, bool guildScoped, JsonArray? options)
    {
        var command = new JsonObject
        {
            ["name"] = name,
            ["type"] = 1,
            ["description"] = description,
            ["integration_types"] = new JsonArray(0),
        };
        command["contexts"] = guildScoped ? new JsonArray(0) : new JsonArray(0, 1);

        if (options is not null)
        {
            command["options"] = options;
        }

        return command;
    }

    /// <summary>
    /// The <c>provider</c> option of <c>/diagnose</c>: fixed choices while the provider words fit Discord's 25 (today
    /// 13 providers, midjourney and all); past that, autocomplete (<see cref="SuggestProviders"/>), so a registered
    /// provider never makes Discord refuse every command.
    /// </summary>
    internal static JsonObject ProviderOption(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var option = new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.ProviderOption, ["description"] = "Which provider", ["required"] = true };
        if (words.Count <= DiscordLimits.OptionChoices)
        {
            option["choices"] = new JsonArray([.. words.Select(Choice)]);
        }
        else
        {
            option["autocomplete"] = true;
            option["max_length"] = 40;
        }

        return option;
    }

    /// <summary>The provider words starting with (then containing) what the user typed, as autocomplete choices, at most 25.</summary>
    internal static JsonArray SuggestProviders(IReadOnlyList<string> words, string? typed)
    {
        ArgumentNullException.ThrowIfNull(words);
        var t = (typed ?? "").Trim();
        var matches = words.Where(w => w.StartsWith(t, StringComparison.OrdinalIgnoreCase) || Display(w).StartsWith(t, StringComparison.OrdinalIgnoreCase))
            .Concat(words.Where(w => w.Contains(t, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal)
            .Take(DiscordLimits.AutocompleteChoices);
        return new JsonArray([.. matches.Select(Choice)]);
    }

    private static JsonNode Choice(string word) => new JsonObject { ["name"] = Display(word), ["value"] = word };

    private static string Display(string word) => word switch
    {
        CommandIds.Midjourney => "Midjourney",
        CommandIds.All => "All",
        _ => ProviderRegistry.FindByWire(word)?.DisplayName ?? word,
    };
}

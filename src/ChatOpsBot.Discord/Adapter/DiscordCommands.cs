using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>The application commands the adapter registers with one bulk overwrite (platforms.md §4).</summary>
public static class DiscordCommands
{
    private const int StringOption = 3;
    private const int BooleanOption = 5;

    /// <summary>
    /// <c>/diagnose provider:&lt;choice&gt; [model] [deep] [key]</c>, <c>/status</c>, <c>/help</c>, <c>/keys</c>. Global
    /// commands carry <c>contexts [0,1]</c> (servers and the bot's DM); guild commands cannot have BOT_DM, so
    /// <paramref name="guildScoped"/> gives <c>contexts [0]</c>.
    /// </summary>
    public static JsonArray Build(bool guildScoped)
    {
        var choices = new JsonArray([.. CommandIds.ProviderChoices.Select(c => (JsonNode)new JsonObject { ["name"] = Display(c), ["value"] = c })]);
        var diagnose = Command(CommandIds.Diagnose, "Diagnose an AI API key or Midjourney access", guildScoped, new JsonArray(
            new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.ProviderOption, ["description"] = "Which provider", ["required"] = true, ["choices"] = choices },
            new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.ModelOption, ["description"] = "A model to check access to", ["required"] = false, ["max_length"] = 100 },
            new JsonObject { ["type"] = BooleanOption, ["name"] = CommandIds.DeepOption, ["description"] = "Also try a 1-token generation (shows exhausted quota)", ["required"] = false },
            new JsonObject { ["type"] = StringOption, ["name"] = CommandIds.KeyOption, ["description"] = "The name of a team key (never paste a key here: use the private form or a DM)", ["required"] = false, ["max_length"] = 100 }));
        return new JsonArray(
            diagnose,
            Command(CommandIds.Status, "Health of the team's keys", guildScoped, null),
            Command(CommandIds.Help, "What I can do, and how to give me a key privately", guildScoped, null),
            Command(CommandIds.Keys, "The team's configured keys, by name and masked form", guildScoped, null));
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

    private static string Display(string word) => word switch
    {
        CommandIds.OpenAI => "OpenAI",
        CommandIds.Anthropic => "Anthropic",
        CommandIds.Gemini => "Gemini",
        CommandIds.Midjourney => "Midjourney",
        CommandIds.All => "All",
        _ => word,
    };
}

using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>Interaction types (DDOCS interactions/receiving-and-responding.mdx).</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>
/// An INTERACTION_CREATE payload. In a guild <see cref="Member"/> is set (the user is <c>member.user</c>); in a DM
/// <see cref="User"/> is. <see cref="Invoker"/> gives whichever is there. <see cref="Token"/> is a secret for 15 minutes.
/// </summary>
public sealed record DiscordInteraction(
    ulong Id,
    ulong ApplicationId,
    InteractionType Type,
    string Token,
    InteractionData? Data,
    ulong? GuildId,
    ulong? ChannelId,
    int? ChannelType,
    DiscordMember? Member,
    DiscordUser? User,
    ulong? AppPermissions,
    DiscordMessage? Message,
    int? Context,
    string? Locale)
{
    /// <summary>The user who invoked it (member.user in guilds, user in DMs).</summary>
    public DiscordUser Invoker => Member?.User ?? User ?? throw new DiscordPayloadException("Neither 'member.user' nor 'user' is present.");

    public bool IsDirectMessage => GuildId is null;

    public override string ToString() => $"DiscordInteraction {{ Id = {Id}, Type = {Type}, Token = <redacted> }}";

    public static DiscordInteraction Parse(JsonElement e)
    {
        var type = Json.Int(e, "type") ?? throw new DiscordPayloadException("'type' is missing.");
        var token = Json.String(e, "token") ?? throw new DiscordPayloadException("'token' is missing.");
        int? channelType = Json.Has(e, "channel", out var channel) ? Json.Int(channel, "type") : null;
        return new(
            Json.RequiredSnowflake(e, "id"),
            Json.RequiredSnowflake(e, "application_id"),
            (InteractionType)type,
            token,
            Json.Has(e, "data", out var data) ? InteractionData.Parse(data) : null,
            Json.Snowflake(e, "guild_id"),
            Json.Snowflake(e, "channel_id") ?? (Json.Has(e, "channel", out var c) ? Json.Snowflake(c, "id") : null),
            channelType,
            Json.Has(e, "member", out var member) ? DiscordMember.Parse(member) : null,
            Json.Has(e, "user", out var user) ? DiscordUser.Parse(user) : null,
            Json.Snowflake(e, "app_permissions"),
            Json.Has(e, "message", out var message) ? DiscordMessage.Parse(message) : null,
            Json.Int(e, "context"),
            Json.String(e, "locale"));
    }
}

/// <summary>An interaction's <c>data</c>: a command (name, options), a component (custom_id, values) or a modal (custom_id, text inputs).</summary>
public sealed record InteractionData(
    ulong? Id,
    string? Name,
    int? CommandType,
    IReadOnlyList<InteractionOption> Options,
    string? CustomId,
    int? ComponentType,
    IReadOnlyList<string> Values,
    IReadOnlyList<ModalValue> ModalValues,
    JsonElement? Resolved)
{
    public static InteractionData Parse(JsonElement e)
    {
        var values = new List<string>();
        if (Json.Has(e, "values", out var v) && v.ValueKind == JsonValueKind.Array)
        {
            values.AddRange(v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
        }

        var modal = new List<ModalValue>();
        if (Json.Has(e, "components", out var components))
        {
            CollectTextInputs(components, modal);
        }

        return new(
            Json.Snowflake(e, "id"),
            Json.String(e, "name"),
            Json.Int(e, "type"),
            InteractionOption.ParseList(e),
            Json.String(e, "custom_id"),
            Json.Int(e, "component_type"),
            values,
            modal,
            Json.Element(e, "resolved"));
    }

    /// <summary>The value of a top-level (or subcommand's) option, or null.</summary>
    public InteractionOption? Option(string name) => InteractionOption.Find(Options, name);

    /// <summary>A text input's value in a submitted modal, or null.</summary>
    public string? ModalValue(string customId) => ModalValues.FirstOrDefault(m => m.CustomId == customId)?.Value;

    // Modal submits nest text inputs in Labels (type 18, "component") or, the older way, in Action Rows ("components").
    private static void CollectTextInputs(JsonElement node, List<ModalValue> into)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    CollectTextInputs(item, into);
                }

                break;
            case JsonValueKind.Object:
                if (Json.Int(node, "type") == 4 && Json.String(node, "custom_id") is { } id)
                {
                    into.Add(new ModalValue(id, Json.String(node, "value") ?? ""));
                }

                if (Json.Has(node, "component", out var one))
                {
                    CollectTextInputs(one, into);
                }

                if (Json.Has(node, "components", out var many))
                {
                    CollectTextInputs(many, into);
                }

                break;
        }
    }
}

/// <summary>A submitted text input.</summary>
public sealed record ModalValue(string CustomId, string Value);

/// <summary>A command option: a value (string, number or bool, kept as JSON) or nested options of a subcommand.</summary>
public sealed record InteractionOption(string Name, int Type, JsonElement? Value, bool Focused, IReadOnlyList<InteractionOption> Options)
{
    public string? StringValue => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value?.GetRawText();

    public bool? BoolValue => Value?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    internal static IReadOnlyList<InteractionOption> ParseList(JsonElement parent)
    {
        if (!Json.Has(parent, "options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. options.EnumerateArray().Select(o => new InteractionOption(
            Json.String(o, "name") ?? "",
            Json.Int(o, "type") ?? 0,
            Json.Element(o, "value"),
            Json.Bool(o, "focused"),
            ParseList(o)))];
    }

    internal static InteractionOption? Find(IReadOnlyList<InteractionOption> options, string name)
    {
        foreach (var o in options)
        {
            if (o.Name == name && o.Type is not 1 and not 2)
            {
                return o;
            }

            if (o.Type is 1 or 2 && Find(o.Options, name) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}

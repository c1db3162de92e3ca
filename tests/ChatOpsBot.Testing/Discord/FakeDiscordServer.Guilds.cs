using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Discord;

/// <summary>
/// Seedable guild state for permission checks: a guild with its owner and roles (managed bot roles carry
/// <c>tags.bot_id</c>), channels with type, parent and permission overwrites, members with roles and timeouts.
/// A guild seeded here is <em>strict</em>, as Discord is: our bot must be a member to read the guild, its roles or its
/// members (else 403 50001 Missing Access), and must have View Channel to read a channel (else 403 50001).
/// That check is written here on its own, simply, from the seeded state, not with the code under test.
/// </summary>
public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentDictionary<ulong, byte> _strictGuilds = new();
    private readonly ConcurrentDictionary<string, (int Status, int Code, string Message)> _failingRoutes = new();
    private readonly ConcurrentDictionary<(ulong App, ulong Guild), JsonArray> _commandPermissions = new();

    /// <summary>
    /// Makes GET /applications/{app}/guilds/{guild}/commands/permissions answer 200 with these overrides even for another
    /// application (what Discord does there is undocumented; by default the fake refuses with 403 20012).
    /// </summary>
    public void SetCommandPermissions(ulong applicationId, ulong guildId, JsonArray permissions) => _commandPermissions[(applicationId, guildId)] = permissions;

    /// <summary>Seeds a strict guild: @everyone (id = guild id) with <paramref name="everyonePermissions"/>, owned by <paramref name="ownerId"/>.</summary>
    public void SeedGuild(ulong guildId, ulong ownerId, ulong everyonePermissions)
    {
        AddGuild(guildId, ownerId, (guildId, "@everyone", everyonePermissions));
        _guilds[guildId]["verification_level"] = 1;
        _strictGuilds[guildId] = 0;
    }

    /// <summary>Adds a role; <paramref name="botId"/> makes it a bot's managed integration role (<c>tags.bot_id</c>).</summary>
    public void AddRole(ulong guildId, ulong roleId, string name, ulong permissions, ulong? botId = null)
    {
        var roles = (JsonArray)_guilds[guildId]["roles"]!;
        var role = new JsonObject { ["id"] = Str(roleId), ["name"] = name, ["permissions"] = Str(permissions), ["position"] = roles.Count, ["managed"] = botId is not null };
        if (botId is { } b)
        {
            role["tags"] = new JsonObject { ["bot_id"] = Str(b) };
        }

        roles.Add(role);
    }

    /// <summary>Adds a guild channel of <paramref name="type"/> with overwrites (type 0 role, 1 member) and an optional parent.</summary>
    public ulong AddGuildChannel(ulong guildId, int type, ulong? parentId = null, params (ulong Id, int Type, ulong Allow, ulong Deny)[] overwrites)
    {
        var id = AddChannel(guildId, type);
        var channel = _channels[id];
        if (parentId is { } p)
        {
            channel["parent_id"] = Str(p);
        }

        // Threads have no overwrites of their own in Discord's answers.
        if (type is not (10 or 11 or 12))
        {
            channel["permission_overwrites"] = new JsonArray([.. overwrites.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = Str(o.Id),
                ["type"] = o.Type,
                ["allow"] = Str(o.Allow),
                ["deny"] = Str(o.Deny),
            })]);
        }

        return id;
    }

    /// <summary>Times a member out until <paramref name="until"/>.</summary>
    public void TimeoutMember(ulong guildId, ulong userId, DateTimeOffset until) =>
        _members[(guildId, userId)]["communication_disabled_until"] = until.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Every call whose "METHOD /path" starts with <paramref name="routePrefix"/> answers this error (a 403 on members, a 404 on roles…).</summary>
    public void FailRoute(string routePrefix, int status, int code, string message) => _failingRoutes[routePrefix] = (status, code, message);

    /// <summary>Discord's access rules for a strict guild; null when the call may go ahead.</summary>
    private (int, JsonNode?)? StrictAccess(Route route, string key)
    {
        foreach (var (prefix, failure) in _failingRoutes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (failure.Status, Err(failure.Code, failure.Message));
            }
        }

        ulong? guild = null;
        ulong? channel = null;
        if (route.Name.StartsWith("GET /guilds/{guild_id}", StringComparison.Ordinal))
        {
            guild = Id(route.Params[0]);
        }
        else if (route.Name == "GET /channels/{channel_id}" && _channels.TryGetValue(Id(route.Params[0]), out var ch) && ch["guild_id"] is { } g)
        {
            guild = Id((string)g!);
            channel = Id(route.Params[0]);
        }

        if (guild is not { } guildId || !_strictGuilds.ContainsKey(guildId))
        {
            return null;
        }

        if (!_members.TryGetValue((guildId, Options.BotUserId), out var me))
        {
            return (403, Err(50001, "Missing Access"));
        }

        if (channel is { } channelId && !CanView(guildId, me, channelId))
        {
            return (403, Err(50001, "Missing Access"));
        }

        return null;
    }

    /// <summary>Does our bot see the channel (a thread: its parent)? Owner, Administrator, then overwrites on VIEW_CHANNEL alone.</summary>
    private bool CanView(ulong guildId, JsonObject me, ulong channelId)
    {
        const ulong view = 1UL << 10;
        const ulong admin = 1UL << 3;
        var guild = _guilds[guildId];
        if ((string?)guild["owner_id"] == Str(Options.BotUserId))
        {
            return true;
        }

        var myRoles = ((JsonArray)me["roles"]!).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
        ulong perms = 0;
        foreach (var role in ((JsonArray)guild["roles"]!).OfType<JsonObject>())
        {
            var id = (string)role["id"]!;
            if (id == Str(guildId) || myRoles.Contains(id))
            {
                perms |= ulong.Parse((string)role["permissions"]!, CultureInfo.InvariantCulture);
            }
        }

        if ((perms & admin) != 0)
        {
            return true;
        }

        var channel = _channels[channelId];
        if ((int)channel["type"]! is 10 or 11 or 12 && channel["parent_id"] is { } parent)
        {
            channel = _channels[Id((string)parent!)];
        }

        var overwrites = (channel["permission_overwrites"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        ulong Bits(JsonObject o, string f) => ulong.Parse((string)o[f]!, CultureInfo.InvariantCulture);
        var everyone = overwrites.FirstOrDefault(o => (string)o["id"]! == Str(guildId));
        if (everyone is not null)
        {
            perms = (perms & ~Bits(everyone, "deny")) | Bits(everyone, "allow");
        }

        ulong allow = 0, deny = 0;
        foreach (var o in overwrites.Where(o => (int)o["type"]! == 0 && myRoles.Contains((string)o["id"]!)))
        {
            allow |= Bits(o, "allow");
            deny |= Bits(o, "deny");
        }

        perms = (perms & ~deny) | allow;
        var mine = overwrites.FirstOrDefault(o => (int)o["type"]! == 1 && (string)o["id"]! == Str(Options.BotUserId));
        if (mine is not null)
        {
            perms = (perms & ~Bits(mine, "deny")) | Bits(mine, "allow");
        }

        return (perms & view) != 0;
    }
}

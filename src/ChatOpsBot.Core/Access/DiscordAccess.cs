namespace ChatOpsBot.Core.Access;

/// <summary><c>Access:Discord</c>: role ids and user ids (snowflakes) allowed to use team keys.</summary>
public sealed class DiscordAccess
{
    public List<string> RoleIds { get; set; } = [];

    public List<string> UserIds { get; set; } = [];
}

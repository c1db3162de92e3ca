using ChatOpsBot.Core.Conversation;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Access;

/// <summary>Who may do what: team keys are for configured ids; a user's own key is for anyone (rate-limited).</summary>
public sealed class AccessPolicy(IOptions<AccessOptions> options)
{
    /// <summary>Whether <paramref name="user"/> may use the team's keys (diagnose, list, and later alerts).</summary>
    public bool MayUseTeamKeys(ChatUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var access = options.Value;
        return user.Platform switch
        {
            ChatPlatform.Console => true, // the operator at the terminal
            ChatPlatform.Discord => access.Discord.UserIds.Contains(user.UserId, StringComparer.Ordinal)
                || user.RoleIds.Any(r => access.Discord.RoleIds.Contains(r, StringComparer.Ordinal)),
            ChatPlatform.Telegram => access.Telegram.UserIds.Contains(user.UserId, StringComparer.Ordinal),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="user"/> may manage alerts (issue 6): the same people as the team keys.</summary>
    public bool MayManageAlerts(ChatUser user) => MayUseTeamKeys(user);

    /// <summary>Whether <paramref name="user"/>'s own key checks are counted against the hourly limit.</summary>
    public static bool IsRateLimited(ChatUser user) => user?.Platform != ChatPlatform.Console;

    /// <summary>The settings an operator edits to grant <paramref name="platform"/>'s users team access, for refusals.</summary>
    public static string SettingsFor(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Discord => "Access:Discord:RoleIds or Access:Discord:UserIds",
        ChatPlatform.Telegram => "Access:Telegram:UserIds",
        _ => "Access",
    };
}

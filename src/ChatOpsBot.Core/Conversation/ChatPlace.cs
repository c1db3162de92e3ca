namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// Where a message was sent: the channel or chat (and, on Discord, the server). Ids only. The conversation uses it to
/// subscribe "this channel" to alerts and to run checks about this channel (Midjourney).
/// </summary>
/// <param name="ChannelId">The Discord channel (or thread, or DM channel) id, or the Telegram chat id.</param>
/// <param name="ServerId">The Discord guild id; null in a DM and on Telegram.</param>
public sealed record ChatPlace(string ChannelId, string? ServerId = null)
{
    /// <summary>
    /// The destination string alerts use for this place (<c>discord:&lt;channel id&gt;</c>, <c>telegram:&lt;chat id&gt;</c>,
    /// as in <c>Monitor:Targets:N:Destinations:M</c>), or null on the console.
    /// </summary>
    public string? AlertDestination(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Discord => "discord:" + ChannelId,
        ChatPlatform.Telegram => "telegram:" + ChannelId,
        _ => null,
    };
}

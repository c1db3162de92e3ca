namespace ChatOpsBot.Telegram.Bot;

/// <summary>The bot's own standing in a chat (from getChatMember on its own id).</summary>
/// <param name="Status">creator, administrator, member, restricted, left or kicked.</param>
/// <param name="IsAdministrator">The bot is an administrator (or creator) of the chat.</param>
/// <param name="CanDeleteMessages">The bot may delete other people's messages: an admin of a basic group, or an admin with can_delete_messages in a supergroup.</param>
public sealed record BotChatRights(string Status, bool IsAdministrator, bool CanDeleteMessages);

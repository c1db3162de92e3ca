namespace ChatOpsBot.Telegram.Bot;

/// <summary>Who the bot is (getMe): its user id and @username (groups address commands as <c>/cmd@username</c>).</summary>
public sealed record BotIdentity(long Id, string Username, bool CanReadAllGroupMessages);

using ChatOpsBot.Core.Conversation.Handlers.Midjourney;
using ChatOpsBot.Core.Conversation.Handlers.Monitor;
using ChatOpsBot.Core.Conversation.Handlers.TeamKeys;
using ChatOpsBot.Core.Conversation.Handlers.UserKeys;

namespace ChatOpsBot.Core.Conversation;

/// <summary>The intent handlers <see cref="ConversationService"/> routes to: its routing table.</summary>
public sealed record ConversationHandlers(
    UserKeyHandler UserKeys,
    TeamKeyHandler TeamKeys,
    ResultButtonHandler Buttons,
    MonitorHandler Monitor,
    MidjourneyHandler Midjourney);

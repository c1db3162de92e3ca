namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// One event from a platform, as an adapter hands it over: a text message, a structured slash command, a button
/// press or a modal submission. <see cref="ToString"/> never shows the text, so logging one leaks nothing.
/// </summary>
public sealed record IncomingMessage
{
    public required ChatUser User { get; init; }

    /// <summary>
    /// True where nobody but the user and the bot can see the message (a DM, a Telegram private chat, a modal, an
    /// ephemeral interaction, the terminal). Keys are only accepted here.
    /// </summary>
    public required bool IsPrivate { get; init; }

    /// <summary>The message text (or a modal's submitted text).</summary>
    public string? Text { get; init; }

    /// <summary>A structured command's name (<c>diagnose</c>), with <see cref="Options"/>; null for text.</summary>
    public string? CommandName { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>A pressed button's custom id (<c>rerun:…</c>, <c>details:…</c>, <c>enter-key:…</c>).</summary>
    public string? ButtonId { get; init; }

    /// <summary>A submitted modal's custom id (<c>key-modal:gemini</c>); its input arrives in <see cref="Text"/>.</summary>
    public string? ModalId { get; init; }

    /// <summary>The platform's id of the message, so the adapter can delete it; opaque here.</summary>
    public string? MessageId { get; init; }

    /// <summary>The channel or chat it came from; null on the console.</summary>
    public ChatPlace? Place { get; init; }

    /// <summary>Facts the platform sent with the event that a place check needs (Discord: permission bitsets); ids and numbers only.</summary>
    public PlatformFacts? Facts { get; init; }

    /// <summary>The bot's username (Telegram), to tell <c>/status@ThisBot</c> from <c>/status@OtherBot</c>.</summary>
    public string? BotUsername { get; init; }

    public override string ToString() =>
        $"IncomingMessage {{ User = {User}, IsPrivate = {IsPrivate}, Command = {CommandName}, Button = {ButtonId}, Modal = {ModalId}, TextLength = {Text?.Length ?? 0} }}";
}

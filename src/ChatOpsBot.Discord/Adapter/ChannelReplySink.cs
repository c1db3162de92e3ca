using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// Answers a MESSAGE_CREATE. In a DM: a message, then edits of it as stages finish (throttled like interactions).
/// In a server channel: <see cref="DeleteOriginalAsync"/> deletes the user's message (false on 50013/50001/403), and
/// an exposure notice goes to the author's DM (a channel notice without the key when the DM is refused, and when
/// the message could not be deleted). Other private replies go to the author's DM; public ones to the channel.
/// </summary>
internal sealed partial class ChannelReplySink(
    DiscordRestClient rest,
    DiscordMessage message,
    TimeProvider time,
    TimeSpan editInterval,
    ILogger logger) : IReplySink
{
    internal const string NotDeletedNotice = "⚠️ A message here contained what looks like a secret key. I could not delete it (I need the Manage Messages permission here): please delete it, and rotate the key.";
    internal const string DmRefusedNotice = "⚠️ A message here contained what looks like a secret key. Treat it as exposed and rotate it. I could not DM its author (their DMs are closed).";

    private ulong? _channelId;
    private ulong? _lastMessageId;
    private long? _lastEdit;
    private bool? _deleted;

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (message.IsDirectMessage)
        {
            await PostAsync(message.ChannelId, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (reply.Kind == ReplyKind.Exposure)
        {
            await ExposureAsync(reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (reply.Visibility == ReplyVisibility.Public)
        {
            await PostAsync(message.ChannelId, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await DmChannelAsync(cancellationToken).ConfigureAwait(false) is { } dm)
        {
            await PostAsync(dm, reply, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UpdateAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (_lastMessageId is null || (_lastEdit is { } last && time.GetElapsedTime(last) < editInterval))
        {
            return; // dropped: a newer state follows
        }

        await EditAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (_lastMessageId is null)
        {
            await SendAsync(reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        await EditAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken)
    {
        if (message.IsDirectMessage)
        {
            return false;
        }

        try
        {
            await rest.DeleteMessageAsync(message.ChannelId, message.Id, "A secret key was posted in public", cancellationToken).ConfigureAwait(false);
            _deleted = true;
        }
        catch (DiscordApiException ex) when (ex.IsMissingAccessOrPermissions || ex.Status == 403)
        {
            Log.MayNotDelete(logger, message.ChannelId, ex.Code);
            _deleted = false;
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.UnknownMessage)
        {
            _deleted = true; // already gone
        }

        return _deleted.Value;
    }

    private async Task ExposureAsync(Reply reply, CancellationToken cancellationToken)
    {
        var dmSent = false;
        if (await DmChannelAsync(cancellationToken).ConfigureAwait(false) is { } dm)
        {
            try
            {
                await rest.CreateMessageAsync(dm, DiscordReplyRenderer.Render(reply with { Buttons = [] }), cancellationToken).ConfigureAwait(false);
                dmSent = true;
            }
            catch (DiscordApiException ex) when (ex.IsCannotDm || ex.Status == 403)
            {
                Log.DmRefused(logger, message.Author.Id, ex.Code);
            }
        }

        var notice = _deleted == false ? NotDeletedNotice : !dmSent ? DmRefusedNotice : null;
        if (notice is not null)
        {
            try
            {
                await rest.CreateMessageAsync(message.ChannelId, DiscordMessageBody.Text(notice), cancellationToken).ConfigureAwait(false);
            }
            catch (DiscordApiException ex) when (ex.IsMissingAccessOrPermissions || ex.Status == 403)
            {
                Log.MayNotPost(logger, message.ChannelId, ex.Code);
            }
        }
    }

    private async Task<ulong?> DmChannelAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await rest.CreateDmAsync(message.Author.Id, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (DiscordApiException ex)
        {
            Log.DmRefused(logger, message.Author.Id, ex.Code);
            return null;
        }
    }

    private async Task PostAsync(ulong channelId, Reply reply, CancellationToken cancellationToken)
    {
        var sent = await rest.CreateMessageAsync(channelId, DiscordReplyRenderer.Render(reply), cancellationToken).ConfigureAwait(false);
        _channelId = channelId;
        _lastMessageId = sent.Id;
        _lastEdit = time.GetTimestamp();
    }

    private async Task EditAsync(Reply reply, CancellationToken cancellationToken)
    {
        await rest.EditMessageAsync(_channelId!.Value, _lastMessageId!.Value, DiscordReplyRenderer.Render(reply), cancellationToken).ConfigureAwait(false);
        _lastEdit = time.GetTimestamp();
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Discord: may not delete a message with a key in channel {ChannelId} (code {Code}); told the channel instead.")]
        public static partial void MayNotDelete(ILogger logger, ulong channelId, int code);

        [LoggerMessage(21, LogLevel.Information, "Discord: user {UserId} does not accept DMs (code {Code}); falling back to a channel notice.")]
        public static partial void DmRefused(ILogger logger, ulong userId, int code);

        [LoggerMessage(22, LogLevel.Warning, "Discord: may not post in channel {ChannelId} (code {Code}).")]
        public static partial void MayNotPost(ILogger logger, ulong channelId, int code);
    }
}

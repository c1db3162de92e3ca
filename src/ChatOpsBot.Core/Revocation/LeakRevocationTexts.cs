using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Revocation;

namespace ChatOpsBot.Core.Revocation;

/// <summary>What the channel is told after a leaked key was (or was not) revoked: what happened first, then what to do.</summary>
public static class LeakRevocationTexts
{
    /// <summary>The public announcement for <paramref name="result"/>.</summary>
    public static Reply Announcement(RevocationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = result.Provider.DisplayName();
        var key = $"{name} key {result.KeyShown}";
        var where = Where(result);
        var rotate = ConversationTexts.Rotate(Platform(result.Provider));
        var text = result.Outcome switch
        {
            RevocationOutcome.Revoked =>
                $"🔒 Revoked: the {key}{where} was pasted here, so I deleted it at {name}; it no longer works{Extra(result)}.\n" +
                $"Next: create a new key and put it where the old one was used. {rotate}\n" +
                (result.Undo is { } undo ? $"Undo: {undo}." : $"Undo: not possible, {name} cannot restore a deleted key."),
            RevocationOutcome.Deactivated =>
                $"🔒 Revoked: the {key}{where} was pasted here, so I deactivated it at {name}; it no longer works.\n" +
                $"Next: create a new key and put it where the old one was used. {rotate}\n" +
                $"Undo: {result.Undo ?? "an admin can reactivate it in the console"}.",
            RevocationOutcome.WouldRevoke =>
                $"🧪 Dry run: I would have revoked the {key}{where}; nothing was changed (Revocation:DryRun is on).\n" +
                $"Next: revoke it yourself now. {rotate}",
            RevocationOutcome.AlreadyInvalid =>
                $"ℹ️ Not revoked: the {key} already does not work ({result.Detail}). Nothing to revoke; create a new key if you still need one. {rotate}",
            RevocationOutcome.Ambiguous =>
                $"⚠️ Not revoked: {result.Detail}, and I revoke only a key I can identify for certain.\n" +
                $"Next: revoke the {key} yourself now. {rotate}",
            RevocationOutcome.NotFound or RevocationOutcome.OtherOrganization =>
                $"⚠️ Not revoked: the {key} is not one I can manage ({result.Detail}).\n" +
                $"Next: its owner must revoke it now. {rotate}",
            _ =>
                $"⚠️ Not revoked: I tried to revoke the {key}, but {result.Detail ?? "the admin API failed"}.\n" +
                $"Next: revoke it yourself now. {rotate}" +
                (result.Outcome is RevocationOutcome.AdminKeyRejected or RevocationOutcome.AdminKeyMissing ? $"\nFor the operator: check Revocation:{Settings(result.Provider)}." : ""),
        };
        return new Reply { Kind = ReplyKind.Info, Visibility = ReplyVisibility.Public, Text = text };
    }

    /// <summary>The notice for the team's alert destinations when one of its keys was revoked (or would be, in a dry run).</summary>
    public static Reply TeamNotice(RevocationResult result, IReadOnlyList<string> teamKeyNames, string pastedIn, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(teamKeyNames);
        var names = ConversationTexts.And(teamKeyNames);
        var what = result.Outcome == RevocationOutcome.WouldRevoke ? "would have been revoked (dry run: nothing changed)" : "was revoked";
        return new Reply
        {
            Kind = ReplyKind.Alert,
            Visibility = ReplyVisibility.Public,
            Text = $"🔒 Team key {names} ({result.Provider.DisplayName()} {result.KeyShown}) {what} by ChatOpsBot at {Monitor.AlertComposer.At(at)}: it was pasted in {pastedIn}{Where(result)}.\n" +
                   $"Next: create a new key, put it in the setting that holds {names}, and restart or let the monitor pick it up. {ConversationTexts.Rotate(Platform(result.Provider))}" +
                   (result.Undo is { } undo ? $"\nUndo: {undo}." : ""),
        };
    }

    /// <summary>What the monitor's next alert on a revoked team key adds.</summary>
    public static string MonitorNote(string pastedIn, DateTimeOffset at) =>
        $"Why: revoked by ChatOpsBot at {Monitor.AlertComposer.At(at)} after it was pasted in {pastedIn}. Put a new key in its setting.";

    /// <summary>"a Discord channel" / "a Telegram group".</summary>
    public static string PastedIn(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Discord => "a Discord channel",
        ChatPlatform.Telegram => "a Telegram group",
        _ => "a chat",
    };

    private static string Where(RevocationResult result) =>
        result.Where is null ? "" : $" ({result.Where}{(result.KeyName is { Length: > 0 } n ? $", key \"{n}\"" : "")})";

    private static string Extra(RevocationResult result) => result.Detail is { } detail ? $" ({detail})" : "";

    private static string Settings(ProviderId provider) => provider switch
    {
        ProviderId.XAI => "XAI",
        _ => provider.ToString(),
    };

    private static KeyPlatform Platform(ProviderId provider) => provider switch
    {
        ProviderId.OpenAI => KeyPlatform.OpenAI,
        ProviderId.Anthropic => KeyPlatform.Anthropic,
        ProviderId.Gemini => KeyPlatform.Google,
        ProviderId.OpenRouter => KeyPlatform.OpenRouter,
        ProviderId.XAI => KeyPlatform.XAI,
        _ => KeyPlatform.Unknown,
    };
}

using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Core.Conversation.Handlers.UserKeys;

/// <summary>A user's own keys: pasted in a private message, typed into the key form, or given to <c>/diagnose</c> privately.</summary>
public sealed class UserKeyHandler(DiagnosisRunner runner, UserKeyQuota quota, ProviderBaseUrlResolver baseUrls, SecretScrubber scrubber)
{
    private const int MaxModalKeyLength = 1000;

    /// <summary>A submitted key form (<c>key-modal:&lt;provider&gt;</c>): its text is one key, or holds some.</summary>
    public async Task HandleModalAsync(IncomingMessage message, string modal, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(modal);
        ArgumentNullException.ThrowIfNull(sink);
        var word = modal.StartsWith(CommandIds.KeyModalPrefix, StringComparison.Ordinal) ? modal[CommandIds.KeyModalPrefix.Length..] : "";
        _ = CommandParser.TryParseProvider(word, out var named, out _);
        var text = message.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            await sink.SendAsync(ConversationTexts.Info("The form was empty. Paste your key into it (it stays private) and send it again.", buttons: ReplyBuilder.Buttons(null, false, word.Length > 0 ? word : CommandIds.All)), cancellationToken).ConfigureAwait(false);
            return;
        }

        var command = new ChatCommand { Kind = CommandKind.Diagnose, Providers = named, Slashed = true };
        var scan = KeyIntake.Scan(text);
        if ((scan.Keys.Count == 1 || scan.Keys.Count == 0) && text.Length <= MaxModalKeyLength && named.Count == 1)
        {
            // One key typed into a key field: diagnose it exactly as given, so the engine sees stray quotes or spaces.
            scan = new KeyScan([KeyIntake.AsTyped(text, named[0])], [], named[0]);
        }
        else if (scan.Keys.Count == 0)
        {
            await sink.SendAsync(ConversationTexts.Info("That does not look like a key I can check. Paste the whole key, as your provider's console shows it."), cancellationToken).ConfigureAwait(false);
            return;
        }

        await DiagnoseAsync(message with { IsPrivate = true }, command, scan, sink, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Diagnoses the keys <paramref name="scan"/> found in a private message, within the user's quota.</summary>
    public async Task DiagnoseAsync(IncomingMessage message, ChatCommand command, KeyScan scan, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(sink);
        var notes = new List<string>();
        var named = scan.NamedProvider ?? (command.Providers.Count == 1 ? command.Providers[0] : null);
        var usable = new List<(KeyCandidate Key, ProviderId Provider)>();
        foreach (var key in scan.Keys)
        {
            // A provider named in words applies to a lone key; with several, each key's shape says whose it is.
            var provider = scan.Keys.Count == 1 && named is not null && (key.Provider is not null || key.Shape.Platform.IsAiProvider() || key.Shape.CouldBe.Count > 0)
                ? named
                : key.Provider;
            if (provider is { } p)
            {
                usable.Add((key, p)); // a mismatch is the engine's to explain (key.wrong_platform)
                if (provider != named && KeyIntake.IsGatewayLike(key.Shape))
                {
                    notes.Add(ConversationTexts.MaybeGatewayKey(key, p));
                }
            }
            else
            {
                notes.Add(ConversationTexts.NotAProviderKey(key));
            }
        }

        var max = quota.MaxKeysPerMessage;
        if (usable.Count > max)
        {
            notes.Add($"{usable.Count - max} more key{(usable.Count - max == 1 ? " was" : "s were")} not checked ({string.Join(", ", usable.Skip(max).Select(u => u.Key.Shown))}): I check at most {max} per message.");
            usable = usable.Take(max).ToList();
        }

        var grant = await quota.AcquireAsync(message.User, usable.Count, cancellationToken).ConfigureAwait(false);
        if (grant.Refusal is not null)
        {
            await sink.SendAsync(grant.Refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (grant.Note is not null)
        {
            notes.Add(grant.Note);
            usable = usable.Take(grant.Granted).ToList();
        }

        if (usable.Count == 0)
        {
            await sink.SendAsync(ConversationTexts.Info(string.Join("\n", notes)), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Each key is inspected (with the shape intake found) and registered with the scrubber here, once.
        var admissions = usable.Select(u => KeyAdmission.Admit(
            new DiagnosisRequest
            {
                Provider = u.Provider,
                Key = u.Key.Value,
                KeySource = KeySource.Chat,
                KeyOrigin = "your message",
                BaseUrl = baseUrls.For(u.Provider),
                Model = command.Model,
                Deep = command.Deep,
            },
            scrubber,
            u.Key.Match)).ToList();
        var runs = usable.Select((u, i) => new DiagnosisRun(admissions[i].Request, u.Key.Shown, null)).ToList();
        try
        {
            await runner.RunAsync(message.User, runs, null, ReplyVisibility.Private, notes, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            admissions.ForEach(a => a.Dispose());
        }
    }
}

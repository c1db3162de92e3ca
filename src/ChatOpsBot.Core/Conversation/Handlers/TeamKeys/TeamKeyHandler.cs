using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Core.Conversation.Handlers.TeamKeys;

/// <summary>
/// The team's keys, for the team: <c>/diagnose</c> by provider, key name or masked form, <c>/keys</c>, and the runs
/// behind a Re-run button. To anyone else a key name reads like any word, and the answer is a refusal.
/// </summary>
public sealed class TeamKeyHandler(DiagnosisRunner runner, TeamKeyRegistry teamKeys, AccessPolicy access, ProviderBaseUrlResolver baseUrls, SecretScrubber scrubber)
{
    /// <summary>True when <paramref name="user"/> is on the team and <paramref name="name"/> names one of its keys.</summary>
    public bool IsTeamKeyName(ChatUser user, string name) => access.MayUseTeamKeys(user) && teamKeys.Find(name) is not null;

    /// <summary>The answer to <c>/keys</c>: the team's keys by name and masked form, or a refusal.</summary>
    public Reply Keys(ChatUser user) => access.MayUseTeamKeys(user)
        ? ConversationTexts.Info(ConversationTexts.KeysList(teamKeys.All.Select(k => (k, teamKeys.Shown(k)))))
        : ConversationTexts.NoTeamAccess(user.Platform, CommandIds.All);

    /// <summary><c>/diagnose</c> without a key of the user's own: team keys by provider, name or <paramref name="maskedForms"/>.</summary>
    public async Task DiagnoseAsync(IncomingMessage message, ChatCommand command, IReadOnlyList<string> maskedForms, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(maskedForms);
        ArgumentNullException.ThrowIfNull(sink);

        // Access first: names and masked forms are resolved only for the team, so the refusal says no more than /keys.
        if (!access.MayUseTeamKeys(message.User))
        {
            await sink.SendAsync(ConversationTexts.NoTeamAccess(message.User.Platform, command.Providers.Count == 1 ? command.Providers[0].Wire() : CommandIds.All), cancellationToken).ConfigureAwait(false);
            return;
        }

        var keys = new List<TeamKey>();
        var notes = new List<string>();
        var masked = maskedForms.ToList();
        if (command.KeyName is { } keyName)
        {
            if (KeyIntake.Masked(keyName) is { } form)
            {
                masked.Add(form);
            }
            else if (teamKeys.Find(keyName) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                await sink.SendAsync(ConversationTexts.Info($"No team key is called \"{SecretLike.Clip(keyName)}\". /keys lists them."), cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        foreach (var form in masked.Distinct(StringComparer.Ordinal))
        {
            var matches = teamKeys.MatchMasked(form);
            if (matches.Count == 1)
            {
                keys.Add(matches[0]);
            }
            else
            {
                var why = matches.Count == 0
                    ? $"{form} is a masked key: I cannot check the hidden part, and none of the team's keys ends like it. Send the whole key privately, or see /keys."
                    : $"{form} fits several team keys ({string.Join(", ", matches.Select(m => m.Name))}): name one with key:<name>.";
                await sink.SendAsync(ConversationTexts.Info(why), cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (keys.Count == 0)
        {
            if (command.Providers.Count == 0)
            {
                await sink.SendAsync(ConversationTexts.Help("Which provider? For example: /diagnose gemini"), cancellationToken).ConfigureAwait(false);
                return;
            }

            var missing = new List<ProviderId>();
            foreach (var provider in command.Providers)
            {
                if (teamKeys.FirstFor(provider) is { } key)
                {
                    keys.Add(key);
                }
                else
                {
                    missing.Add(provider);
                }
            }

            if (command.Providers.Count > 1)
            {
                // "all": a provider without a team key is worth a word only for the three everyone expects.
                missing.RemoveAll(p => !ProviderCatalog.Core.Contains(p));
            }

            if (keys.Count == 0)
            {
                await sink.SendAsync(ConversationTexts.AskForKey(missing, message.IsPrivate), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (missing.Count > 0)
            {
                // One line for all of them: with every registered provider, "all" would otherwise add a line per provider.
                notes.Add($"No team key is configured for {ConversationTexts.And(missing.Select(p => p.DisplayName()))}: not checked.");
            }
        }

        var visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public;
        await RunAsync(message, keys.Distinct().ToList(), command.Model, command.Deep, visibility, notes, sink, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Diagnoses <paramref name="keys"/> (the caller checked access), their values hidden from every text meanwhile.</summary>
    public async Task RunAsync(IncomingMessage message, IReadOnlyList<TeamKey> keys, string? model, bool deep, ReplyVisibility visibility, List<string> notes, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        var values = keys.Select(teamKeys.Read).ToList();
        var admissions = keys.Select((k, i) => KeyAdmission.Admit(
            new DiagnosisRequest
            {
                Provider = k.Provider,
                Key = values[i].Value,
                KeySource = values[i].Source,
                KeyOrigin = k.Origin,
                BaseUrl = k.BaseUrl ?? baseUrls.For(k.Provider),
                Model = model ?? k.Model,
                Deep = deep,
            },
            scrubber)).ToList();
        try
        {
            var runs = keys.Select((k, i) => new DiagnosisRun(admissions[i].Request, k.Name, k.Name)).ToList();
            await runner.RunAsync(message.User, runs, new RerunPlan([.. keys.Select(k => k.Name)], model, deep), visibility, notes, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            admissions.ForEach(a => a.Dispose());
        }
    }
}

using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// The one entry point adapters call. It takes an <see cref="IncomingMessage"/>, decides what it asks for, checks
/// who may do it, takes keys only where they are private, runs the engine with a live checklist, and answers through
/// an <see cref="IReplySink"/> with platform-neutral <see cref="Reply"/>s, every text scrubbed of secrets. It logs
/// ids and kinds, never a user's text.
/// </summary>
public sealed partial class ConversationService(
    DiagnosticEngine engine,
    TeamKeyRegistry teamKeys,
    AccessPolicy access,
    UserKeyLimiter limiter,
    SecretScrubber scrubber,
    EnvironmentVariables environment,
    TimeProvider timeProvider,
    IOptions<ProviderBaseUrls> baseUrls,
    IOptions<AccessOptions> accessOptions,
    IOptions<ConversationOptions> options,
    ILogger<ConversationService> logger,
    IEnumerable<IMidjourneyCheck> midjourneyChecks,
    IMonitorControl? monitor = null)
{
    private const int MaxModalKeyLength = 1000;

    private readonly ResultStore _results = new(timeProvider, options);

    /// <summary>Handles one event; returns when the last reply has been handed to <paramref name="sink"/>.</summary>
    public async Task HandleAsync(IncomingMessage message, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sink);
        var safe = new ScrubbingReplySink(sink, scrubber);
        if (message.ButtonId is { } button)
        {
            Log.Button(logger, message.User.Platform, button.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal) ? "rerun"
                : button.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal) ? "details"
                : button.StartsWith(CommandIds.EnterKeyPrefix, StringComparison.Ordinal) ? "enter-key" : "unknown");
            await HandleButtonAsync(message, button, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.ModalId is { } modal)
        {
            await HandleModalAsync(message, modal, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = message.Text ?? "";
        var all = message.Options.Count == 0 ? text : text + "\n" + string.Join("\n", message.Options.Values);
        var scan = KeyIntake.Scan(all);
        if (!message.IsPrivate && (scan.Keys.Count > 0 || LooksSecret(all) || (IsCommand(message) && SecretLike.AnyIn(all))))
        {
            Log.Exposure(logger, message.User.Platform, scan.Keys.Count);
            var deleted = await safe.DeleteOriginalAsync(cancellationToken).ConfigureAwait(false);
            await safe.SendAsync(Messages.Exposure(scan.Keys, deleted), cancellationToken).ConfigureAwait(false);
            return;
        }

        var command = message.CommandName is { } name
            ? CommandParser.Parse(name, message.Options)
            : CommandParser.Parse(text, message.BotUsername);
        // Team key names are resolved only for the team: to anyone else a name that exists reads like one that does not.
        var team = access.MayUseTeamKeys(message.User);
        command = CommandParser.ResolveWords(command, n => team && teamKeys.Find(n) is not null);
        Log.Command(logger, message.User.Platform, command.Kind, message.IsPrivate);

        if (scan.Keys.Count > 0)
        {
            await DiagnoseUserKeysAsync(message, command, scan, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!message.IsPrivate && !command.Slashed)
        {
            return; // chatter in a channel is not for us
        }

        if (command.Kind is CommandKind.Status or CommandKind.Alerts)
        {
            await HandleMonitorCommandAsync(message, command, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reply = command.Kind switch
        {
            CommandKind.OtherBot => null,
            CommandKind.None when scan.MaskedForms.Count > 0 => null,
            CommandKind.None => Messages.Help("Send me a command, or a key to check (here, privately)."),
            CommandKind.Unknown => Messages.Help(command.Problem),
            CommandKind.Help => Messages.Help(),
            CommandKind.Keys => Keys(message.User),
            _ => null,
        };
        if (reply is not null)
        {
            await safe.SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }
        else if (command.Kind == CommandKind.Diagnose || (command.Kind == CommandKind.None && scan.MaskedForms.Count > 0))
        {
            await DiagnoseTeamKeysAsync(message, command, scan.MaskedForms, safe, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A command (a slash command's options, or a text starting with "/"), not channel chatter.</summary>
    private static bool IsCommand(IncomingMessage message) =>
        message.CommandName is not null || (message.Text?.TrimStart().StartsWith('/') ?? false);

    /// <summary>The scrubber's net under the intake: anything it would hide (a Bearer value, a key= parameter), masks aside.</summary>
    private bool LooksSecret(string text)
    {
        var normalized = KeyIntake.NormalizeMasks(text);
        return !string.Equals(scrubber.Scrub(normalized), normalized, StringComparison.Ordinal);
    }

    private Reply Keys(ChatUser user) => access.MayUseTeamKeys(user)
        ? Messages.Info(Messages.KeysList(teamKeys.All.Select(k => (k, teamKeys.Shown(k)))))
        : Messages.NoTeamAccess(user.Platform, CommandIds.All);

    private async Task HandleButtonAsync(IncomingMessage message, string button, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        if (button.StartsWith(CommandIds.EnterKeyPrefix, StringComparison.Ordinal))
        {
            var word = button[CommandIds.EnterKeyPrefix.Length..];
            await sink.SendAsync(Messages.Info($"Send me your {word} key in a private message (or in the private form) and I will check it there."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var rerun = button.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal);
        var details = button.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal);
        var token = button[(button.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var stored = rerun || details ? _results.Get(token) : null;
        if (stored is null)
        {
            await sink.SendAsync(Messages.Info(rerun || details
                ? "That result has expired. Run /diagnose again."
                : "I do not know that button.") with { Kind = rerun || details ? ReplyKind.Info : ReplyKind.Help }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored.Visibility == ReplyVisibility.Private && !stored.Owner.IsSamePerson(message.User))
        {
            await sink.SendAsync(Messages.Refusal("That result belongs to someone else."), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (details)
        {
            await sink.SendAsync(ReplyBuilder.Details(stored.Report, ReplyVisibility.Private, stored.Rerun?.TeamKeyNames), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored.Rerun is not { } plan)
        {
            await sink.SendAsync(Messages.Info("I do not keep keys, so I cannot run that again: send the key again privately."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var keys = plan.TeamKeyNames.Select(teamKeys.Find).OfType<TeamKey>().ToList();
        if (!access.MayUseTeamKeys(message.User))
        {
            await sink.SendAsync(Messages.NoTeamAccess(message.User.Platform, CommandIds.All), cancellationToken).ConfigureAwait(false);
            return;
        }

        await RunTeamKeysAsync(message, keys, plan.Model, plan.Deep, stored.Visibility, [], sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleModalAsync(IncomingMessage message, string modal, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        var word = modal.StartsWith(CommandIds.KeyModalPrefix, StringComparison.Ordinal) ? modal[CommandIds.KeyModalPrefix.Length..] : "";
        _ = CommandParser.TryParseProvider(word, out var named, out _);
        var text = message.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            await sink.SendAsync(Messages.Info("The form was empty. Paste your key into it (it stays private) and send it again.", buttons: ReplyBuilder.Buttons(null, false, word.Length > 0 ? word : CommandIds.All)), cancellationToken).ConfigureAwait(false);
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
            await sink.SendAsync(Messages.Info("That does not look like a key I can check. Paste the whole key, as your provider's console shows it."), cancellationToken).ConfigureAwait(false);
            return;
        }

        await DiagnoseUserKeysAsync(message with { IsPrivate = true }, command, scan, sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task DiagnoseUserKeysAsync(IncomingMessage message, ChatCommand command, KeyScan scan, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var named = scan.NamedProvider ?? (command.Providers.Count == 1 ? command.Providers[0] : null);
        var usable = new List<(KeyCandidate Key, ProviderId Provider)>();
        foreach (var key in scan.Keys)
        {
            // A provider named in words applies to a lone key; with several, each key's shape says whose it is.
            var provider = scan.Keys.Count == 1 && named is not null && (key.Provider is not null || key.Shape.Platform.IsAiProvider())
                ? named
                : key.Provider;
            if (provider is { } p)
            {
                usable.Add((key, p)); // a mismatch is the engine's to explain (key.wrong_platform)
            }
            else
            {
                notes.Add(Messages.NotAProviderKey(key));
            }
        }

        var max = options.Value.MaxKeysPerMessage;
        if (usable.Count > max)
        {
            notes.Add($"{usable.Count - max} more key{(usable.Count - max == 1 ? " was" : "s were")} not checked ({string.Join(", ", usable.Skip(max).Select(u => u.Key.Shown))}): I check at most {max} per message.");
            usable = usable.Take(max).ToList();
        }

        if (usable.Count > 0 && AccessPolicy.IsRateLimited(message.User))
        {
            var granted = limiter.Acquire(message.User.LimiterKey, usable.Count, out var retryAt);
            if (granted == 0)
            {
                await sink.SendAsync(Messages.RateLimited(retryAt!.Value, timeProvider.GetUtcNow(), accessOptions.Value.UserKeyChecksPerHour), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (granted < usable.Count)
            {
                notes.Add($"{usable.Count - granted} key{(usable.Count - granted == 1 ? " was" : "s were")} not checked: you reached the hourly limit; try again in {Messages.Wait(retryAt!.Value - timeProvider.GetUtcNow())}.");
                usable = usable.Take(granted).ToList();
            }
        }

        if (usable.Count == 0)
        {
            await sink.SendAsync(Messages.Info(string.Join("\n", notes)), cancellationToken).ConfigureAwait(false);
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
                BaseUrl = BaseUrlFor(u.Provider),
                Model = command.Model,
                Deep = command.Deep,
            },
            scrubber,
            u.Key.Match)).ToList();
        var runs = usable.Select((u, i) => new Run(admissions[i].Request, u.Key.Shown, null)).ToList();
        try
        {
            Log.Diagnosing(logger, message.User.Platform, runs.Count, false);
            await RunAsync(message.User, runs, null, ReplyVisibility.Private, notes, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            admissions.ForEach(a => a.Dispose());
        }
    }

    private async Task DiagnoseTeamKeysAsync(IncomingMessage message, ChatCommand command, IReadOnlyList<string> maskedForms, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        if (command.Midjourney)
        {
            await MidjourneyAsync(message, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Access first: names and masked forms are resolved only for the team, so the refusal says no more than /keys.
        if (!access.MayUseTeamKeys(message.User))
        {
            await sink.SendAsync(Messages.NoTeamAccess(message.User.Platform, command.Providers.Count == 1 ? command.Providers[0].Wire() : CommandIds.All), cancellationToken).ConfigureAwait(false);
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
                await sink.SendAsync(Messages.Info($"No team key is called \"{SecretLike.Clip(keyName)}\". /keys lists them."), cancellationToken).ConfigureAwait(false);
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
                await sink.SendAsync(Messages.Info(why), cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (keys.Count == 0)
        {
            if (command.Providers.Count == 0)
            {
                await sink.SendAsync(Messages.Help("Which provider? For example: /diagnose gemini"), cancellationToken).ConfigureAwait(false);
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

            if (keys.Count == 0)
            {
                await sink.SendAsync(Messages.AskForKey(missing, message.IsPrivate), cancellationToken).ConfigureAwait(false);
                return;
            }

            notes.AddRange(missing.Select(p => $"No team key is configured for {p.DisplayName()}: not checked."));
        }

        var visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public;
        await RunTeamKeysAsync(message, keys.Distinct().ToList(), command.Model, command.Deep, visibility, notes, sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunTeamKeysAsync(IncomingMessage message, List<TeamKey> keys, string? model, bool deep, ReplyVisibility visibility, List<string> notes, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        var values = keys.Select(teamKeys.Read).ToList();
        var admissions = keys.Select((k, i) => KeyAdmission.Admit(
            new DiagnosisRequest
            {
                Provider = k.Provider,
                Key = values[i].Value,
                KeySource = values[i].Source,
                KeyOrigin = k.Origin,
                BaseUrl = k.BaseUrl ?? BaseUrlFor(k.Provider),
                Model = model ?? k.Model,
                Deep = deep,
            },
            scrubber)).ToList();
        try
        {
            var runs = keys.Select((k, i) => new Run(admissions[i].Request, k.Name, k.Name)).ToList();
            Log.Diagnosing(logger, message.User.Platform, runs.Count, true);
            await RunAsync(message.User, runs, new RerunPlan([.. keys.Select(k => k.Name)], model, deep), visibility, notes, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            admissions.ForEach(a => a.Dispose());
        }
    }

    private Uri? BaseUrlFor(ProviderId provider)
    {
        var variable = provider.BaseUrlEnvironmentVariable();
        if (environment.Get(variable) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var fromEnv))
        {
            return fromEnv;
        }

        return baseUrls.Value.For(provider);
    }

    /// <summary>One key to diagnose: the request, its checklist label, and the team key's name if it is one.</summary>
    private sealed record Run(DiagnosisRequest Request, string? Label, string? KeyName);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// The Discord adapter: reads gateway dispatches and turns them into conversations. At the first READY it registers
/// the commands with one bulk overwrite (guild-scoped when <c>Discord:DevelopmentGuildId</c> is set). Each
/// interaction is handled on its own task and deferred (type 5) before any slow work — ephemeral unless
/// <see cref="ReplyPrivacy"/> says the channel may see the answer — then answered by editing <c>@original</c>. A key
/// button opens a modal; DMs with a key are diagnosed in the DM; a key posted in a server channel is deleted and its
/// author told by DM. Expired (10062) or already acknowledged (40060) interactions are logged, never fatal.
/// </summary>
public sealed partial class DiscordAdapterService(
    IDiscordGateway gateway,
    DiscordRestClient rest,
    ConversationService conversation,
    ReplyPrivacy privacy,
    AccessPolicy access,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    SecretScrubber scrubber,
    ILogger<DiscordAdapterService> logger) : BackgroundService
{
    internal const string ModalTitle = "Check a key privately";
    internal const string ModalLabel = "API key (only you and the bot see it)";

    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly RestInteractionResponder _restResponder = new(rest);
    private readonly LiveEditBudget _liveEdits = new(time);
    private bool _commandsRegistered;
    private CancellationToken _stopping = new(canceled: true); // until ExecuteAsync runs: HTTP interactions are refused

    /// <summary>Handlers still running (for tests and shutdown).</summary>
    internal int InFlight => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            Log.Off(logger);
            return;
        }

        _stopping = stoppingToken;
        try
        {
            if (!options.Value.UseGateway)
            {
                // HTTP interactions only: no READY will come, so the commands are registered now, over REST.
                Track(RegisterCommandsAsync(null, stoppingToken));
                await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
            }

            await foreach (var dispatch in gateway.ReadDispatchesAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (dispatch.Name)
                {
                    case GatewayDispatch.Ready when !_commandsRegistered:
                        Track(RegisterCommandsAsync(dispatch.AsReady(), stoppingToken));
                        break;
                    case GatewayDispatch.InteractionCreate:
                        Track(Task.Run(() => HandleInteractionAsync(dispatch, stoppingToken), CancellationToken.None));
                        break;
                    case GatewayDispatch.MessageCreate:
                        Track(Task.Run(() => HandleMessageAsync(dispatch, stoppingToken), CancellationToken.None));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        try
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // each failure was logged by Track; stopping must not rethrow it
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Keeps a handler's task until it ends. A handler that throws something unforeseen (a bug, a payload shape nobody
    /// expected) is one Error line with the scrubbed exception; it never goes unobserved nor stops the adapter.
    /// </summary>
    private void Track(Task task)
    {
        _running[task] = 0;
        _ = task.ContinueWith(
            t =>
            {
                if (t.Exception is { } ex)
                {
                    Log.HandlerCrashed(logger, ScrubbedException.From(ex.GetBaseException(), scrubber));
                }

                _running.TryRemove(t, out _);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The bulk overwrite; the application id from READY, else <c>Discord:ApplicationId</c>, else the bot user's id (over REST without a gateway).</summary>
    private async Task RegisterCommandsAsync(DiscordReady? ready, CancellationToken cancellationToken)
    {
        _commandsRegistered = true;
        try
        {
            var applicationId = ready?.ApplicationId ?? options.Value.ApplicationId
                ?? ready?.User.Id ?? (await rest.GetCurrentUserAsync(cancellationToken).ConfigureAwait(false)).Id;
            if (options.Value.DevelopmentGuildId is { } guild)
            {
                await rest.BulkOverwriteGuildCommandsAsync(applicationId, guild, DiscordCommands.Build(guildScoped: true), cancellationToken).ConfigureAwait(false);
                Log.Registered(logger, "guild " + guild.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                await rest.BulkOverwriteGlobalCommandsAsync(applicationId, DiscordCommands.Build(guildScoped: false), cancellationToken).ConfigureAwait(false);
                Log.Registered(logger, "global");
            }
        }
        catch (Exception ex) when (ex is DiscordApiException or DiscordPayloadException or HttpRequestException or TimeoutException)
        {
            _commandsRegistered = false; // try again at the next READY
            Log.RegisterFailed(logger, ex, (ex as DiscordApiException)?.Code ?? 0);
        }
    }

    private async Task HandleInteractionAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        DiscordInteraction interaction;
        try
        {
            interaction = dispatch.AsInteraction();
        }
        catch (DiscordPayloadException ex)
        {
            Log.BadPayload(logger, ex, dispatch.Name, dispatch.Sequence);
            return;
        }

        await HandleInteractionAsync(interaction, _restResponder, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleInteractionAsync(DiscordInteraction interaction, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommand:
                    await CommandAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.MessageComponent:
                    await ComponentAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ModalSubmit:
                    await ModalAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ApplicationCommandAutocomplete:
                    await AutocompleteAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    Log.Ignored(logger, interaction.Type.ToString());
                    break;
            }
        }
        catch (DiscordApiException ex) when (ex.IsUnknownInteraction || ex.IsAlreadyAcknowledged || ex.Code == DiscordErrorCodes.UnknownWebhook)
        {
            Log.InteractionGone(logger, interaction.Id, ex.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or DiscordPayloadException or TimeoutException)
        {
            Log.InteractionFailed(logger, ex, interaction.Id, (ex as DiscordApiException)?.Code ?? 0);
        }
    }

    private async Task CommandAsync(DiscordInteraction interaction, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        var data = interaction.Data;
        var name = data?.Name ?? "";
        var commandOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((data?.Options ?? []).FirstOrDefault(o => o.Type is 1 or 2) is { } sub)
        {
            // A subcommand (/alerts mute): its name is the action; a group's (type 2) subcommand is nested once more.
            commandOptions[CommandIds.ActionOption] = sub.Type == 2 && sub.Options.FirstOrDefault(o => o.Type == 1) is { } inner ? inner.Name : sub.Name;
        }

        foreach (var option in Flatten(data?.Options ?? []))
        {
            commandOptions[option.Name] = option.BoolValue is { } b ? (b ? "true" : "false") : option.StringValue ?? "";
        }

        var ephemeral = privacy.ForCommand(UserOf(interaction), name, commandOptions) == ReplyVisibility.Private;

        // Discord's 3 seconds: acknowledge before anything slow.
        await DeferAsync(responder, interaction, ephemeral, cancellationToken).ConfigureAwait(false);
        var message = new IncomingMessage
        {
            User = UserOf(interaction),
            IsPrivate = ephemeral || interaction.IsDirectMessage,
            Place = PlaceOf(interaction),
            Facts = FactsOf(interaction),
            CommandName = name,
            Options = commandOptions,
        };
        await conversation.HandleAsync(message, Sink(interaction, ephemeral, responder), cancellationToken).ConfigureAwait(false);
        await WarnIfAlertsCannotArriveAsync(interaction, name, commandOptions, cancellationToken).ConfigureAwait(false);
    }

    private async Task ComponentAsync(DiscordInteraction interaction, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        var customId = interaction.Data?.CustomId ?? "";
        if (customId.StartsWith(CommandIds.EnterKeyPrefix, StringComparison.Ordinal))
        {
            var word = customId[CommandIds.EnterKeyPrefix.Length..];
            await responder.RespondAsync(interaction, InteractionCallbackType.Modal,
                new JsonObject { ["custom_id"] = CommandIds.KeyModal(word), ["title"] = ModalTitle, ["components"] = KeyModalComponents() }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var onEphemeral = ((interaction.Message?.Flags ?? 0) & DiscordMessageBody.EphemeralFlag) != 0;
        var ephemeral = privacy.ForButton(UserOf(interaction), customId, onEphemeral) == ReplyVisibility.Private;
        await DeferAsync(responder, interaction, ephemeral, cancellationToken).ConfigureAwait(false);
        var message = new IncomingMessage
        {
            User = UserOf(interaction),
            IsPrivate = ephemeral || interaction.IsDirectMessage,
            Place = PlaceOf(interaction),
            ButtonId = customId,
        };
        await conversation.HandleAsync(message, Sink(interaction, ephemeral, responder), cancellationToken).ConfigureAwait(false);
    }

    private async Task ModalAsync(DiscordInteraction interaction, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        await DeferAsync(responder, interaction, ephemeral: true, cancellationToken).ConfigureAwait(false);
        var message = new IncomingMessage
        {
            User = UserOf(interaction),
            IsPrivate = true,
            Place = PlaceOf(interaction),
            ModalId = interaction.Data?.CustomId ?? "",
            Text = interaction.Data?.ModalValue(CommandIds.KeyModalInput) ?? "",
        };
        await conversation.HandleAsync(message, Sink(interaction, ephemeral: true, responder), cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleMessageAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        DiscordMessage message;
        try
        {
            message = dispatch.AsMessage();
        }
        catch (DiscordPayloadException ex)
        {
            Log.BadPayload(logger, ex, dispatch.Name, dispatch.Sequence);
            return;
        }

        if (message.Author.Bot || message.Author.Id == gateway.Ready?.User.Id || string.IsNullOrWhiteSpace(message.Content))
        {
            return;
        }

        var incoming = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Discord, Id(message.Author.Id), [.. (message.Member?.Roles ?? []).Select(Id)]),
            IsPrivate = message.IsDirectMessage,
            Place = new ChatPlace(Id(message.ChannelId), message.GuildId is { } guild ? Id(guild) : null),
            Text = message.Content,
            MessageId = Id(message.Id),
        };
        try
        {
            await conversation.HandleAsync(incoming, new ChannelReplySink(rest, message, time, options.Value.EditInterval, logger), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TimeoutException)
        {
            Log.MessageFailed(logger, ex, message.Id, (ex as DiscordApiException)?.Code ?? 0);
        }
    }

    private InteractionReplySink Sink(DiscordInteraction interaction, bool ephemeral, IInteractionResponder responder) =>
        new(rest, interaction, ephemeral, time, options.Value.EditInterval, _liveEdits, answerMayLag: responder is HttpInteractionResponder);

    /// <summary>The key modal: one Label (type 18) wrapping a short Text Input (type 4) with custom id <c>key</c>.</summary>
    internal static JsonArray KeyModalComponents() => new(new JsonObject
    {
        ["type"] = 18,
        ["label"] = ModalLabel,
        ["component"] = new JsonObject
        {
            ["type"] = 4,
            ["custom_id"] = CommandIds.KeyModalInput,
            ["style"] = 1,
            ["min_length"] = 1,
            ["max_length"] = DiscordLimits.TextInputValue,
            ["required"] = true,
            ["placeholder"] = "Paste the key exactly as your provider shows it",
        },
    });

    private static ChatUser UserOf(DiscordInteraction interaction) =>
        new(ChatPlatform.Discord, Id(interaction.Invoker.Id), [.. (interaction.Member?.Roles ?? []).Select(Id)]);

    private static IEnumerable<InteractionOption> Flatten(IReadOnlyList<InteractionOption> options) =>
        options.SelectMany(o => o.Type is 1 or 2 ? Flatten(o.Options) : [o]);

    private static PlatformFacts FactsOf(DiscordInteraction interaction) => new()
    {
        UserPermissions = interaction.Member?.Permissions is { } p ? Id(p) : null,
        AppPermissions = interaction.AppPermissions is { } a ? Id(a) : null,
        ChannelType = interaction.ChannelType,
        UserTimedOutUntil = interaction.Member?.CommunicationDisabledUntil,
    };

    private static ChatPlace? PlaceOf(DiscordInteraction interaction) =>
        interaction.ChannelId is { } channel ? new ChatPlace(Id(channel), interaction.GuildId is { } guild ? Id(guild) : null) : null;

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Discord adapter is off: Discord:Token is not set.")] // the gateway service says it once at Information
        public static partial void Off(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Discord: commands registered ({Scope}).")]
        public static partial void Registered(ILogger logger, string scope);

        [LoggerMessage(3, LogLevel.Error, "Discord: registering commands failed (code {Code}); will retry at the next READY.")]
        public static partial void RegisterFailed(ILogger logger, Exception exception, int code);

        [LoggerMessage(4, LogLevel.Warning, "Discord: skipped a {Name} dispatch (seq {Sequence}) that could not be read.")]
        public static partial void BadPayload(ILogger logger, Exception exception, string name, int sequence);

        [LoggerMessage(5, LogLevel.Debug, "Discord: ignored an interaction of type {Type}.")]
        public static partial void Ignored(ILogger logger, string type);

        [LoggerMessage(6, LogLevel.Warning, "Discord: interaction {InteractionId} expired or was already answered (code {Code}).")]
        public static partial void InteractionGone(ILogger logger, ulong interactionId, int code);

        [LoggerMessage(7, LogLevel.Error, "Discord: interaction {InteractionId} failed (code {Code}).")]
        public static partial void InteractionFailed(ILogger logger, Exception exception, ulong interactionId, int code);

        [LoggerMessage(20, LogLevel.Error, "Discord: a handler failed unexpectedly; the adapter goes on.")]
        public static partial void HandlerCrashed(ILogger logger, Exception exception);

        [LoggerMessage(8, LogLevel.Error, "Discord: message {MessageId} failed (code {Code}).")]
        public static partial void MessageFailed(ILogger logger, Exception exception, ulong messageId, int code);
    }
}

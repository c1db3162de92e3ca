using System.Globalization;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Midjourney;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Midjourney;

/// <summary>
/// <c>/diagnose provider:midjourney</c> on Discord: reads, with our own bot token, what the judge needs about the
/// server and channel where it was typed (guild, roles, channel and a thread's parent, the Midjourney Bot's
/// membership), turning every REST error into "could not read: 403 50001 …" rather than an exception, and hands the
/// snapshot to <see cref="MidjourneyJudge"/>. The user's and our bot's permissions come from the interaction itself.
/// </summary>
public sealed partial class DiscordMidjourneyCheck(DiscordRestClient rest, TimeProvider time, ILogger<DiscordMidjourneyCheck> logger) : IMidjourneyCheck
{
    public ChatPlatform Platform => ChatPlatform.Discord;

    public async Task<ProviderReport> RunAsync(IncomingMessage message, IProgress<DiagnosisEvent> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(progress);
        var started = time.GetTimestamp();
        var snapshot = await ReadAsync(message, progress, cancellationToken).ConfigureAwait(false);
        var findings = MidjourneyJudge.Judge(snapshot);
        foreach (var finding in findings)
        {
            progress.Report(new FindingAdded(ProviderId.Midjourney, finding));
        }

        Log.Judged(logger, findings.Count, findings.Count(f => f.Code == VerdictCodes.DiscordCannotCheck));
        return new ProviderReport(ProviderId.Midjourney, MidjourneyJudge.Verdict(findings), null, null, time.GetElapsedTime(started), findings, true);
    }

    /// <summary>What could be read of the message's place; each part either a value or why not.</summary>
    public async Task<MidjourneySnapshot> ReadAsync(IncomingMessage message, IProgress<DiagnosisEvent> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(progress);
        var now = time.GetUtcNow();
        if (message.Place is not { ServerId: { } serverText } place
            || !ulong.TryParse(serverText, NumberStyles.None, CultureInfo.InvariantCulture, out var guildId)
            || !ulong.TryParse(place.ChannelId, NumberStyles.None, CultureInfo.InvariantCulture, out var channelId))
        {
            return new MidjourneySnapshot { DirectMessage = true, Now = now };
        }

        var facts = message.Facts;
        var userPermissions = DiscordPermissionNames.TryParse(facts?.UserPermissions, out var up) ? up : (DiscordPermissions?)null;
        var ourPermissions = DiscordPermissionNames.TryParse(facts?.AppPermissions, out var ap) ? ap : (DiscordPermissions?)null;
        MemberFacts? user = ulong.TryParse(message.User.UserId, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? new MemberFacts(userId, [.. message.User.RoleIds.Select(r => ulong.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id != 0)], facts?.UserTimedOutUntil)
            : null;

        progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.Server));
        progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.MidjourneyBot));
        var guildTask = ReadAsync(async () =>
        {
            var g = await rest.GetGuildAsync(guildId, cancellationToken).ConfigureAwait(false);
            return new GuildFacts(g.Id, g.OwnerId ?? 0, g.VerificationLevel);
        }, cancellationToken);
        var rolesTask = ReadAsync<IReadOnlyList<RoleFacts>>(async () =>
            [.. (await rest.GetGuildRolesAsync(guildId, cancellationToken).ConfigureAwait(false)).Select(r => new RoleFacts(r.Id, (DiscordPermissions)r.Permissions, r.Name, r.BotId))], cancellationToken);
        var channelTask = ReadAsync(async () => Facts(await rest.GetChannelAsync(channelId, cancellationToken).ConfigureAwait(false)), cancellationToken);
        var memberTask = ReadMemberAsync(guildId, cancellationToken);
        var overridesTask = ReadAsync(async () => Overrides(await rest.GetGuildCommandPermissionsAsync(MidjourneySnapshot.MidjourneyBotId, guildId, cancellationToken).ConfigureAwait(false), guildId, channelId), cancellationToken);
        await Task.WhenAll(guildTask, rolesTask, channelTask, memberTask, overridesTask).ConfigureAwait(false);

        progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.Channel));
        var channel = await channelTask.ConfigureAwait(false);
        var type = channel.Value?.Type ?? facts?.ChannelType;
        Readable<ChannelFacts>? parent = null;
        if (type is { } t && DiscordChannelKind.IsThread(t))
        {
            parent = channel.Value?.ParentId is { } parentId
                ? await ReadAsync(async () => Facts(await rest.GetChannelAsync(parentId, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false)
                : Readable<ChannelFacts>.Failed(new ReadProblem(0, 0, "the thread itself could not be read, so its parent is unknown"));
        }

        progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.BotPermissions));
        progress.Report(new StageStarted(ProviderId.Midjourney, DiagnosticStage.UserPermissions));
        return new MidjourneySnapshot
        {
            GuildId = guildId,
            ChannelId = channelId,
            InteractionChannelType = facts?.ChannelType,
            UserPermissions = userPermissions,
            OurPermissions = ourPermissions,
            UserTimedOutUntil = facts?.UserTimedOutUntil,
            User = user,
            Guild = await guildTask.ConfigureAwait(false),
            Roles = await rolesTask.ConfigureAwait(false),
            Channel = channel,
            Parent = parent,
            MidjourneyBot = await memberTask.ConfigureAwait(false),
            CommandOverrides = await overridesTask.ConfigureAwait(false),
            Now = now,
        };
    }

    /// <summary>
    /// Summarises <c>[{id, application_id, guild_id, permissions:[{id, type 1 role|2 user|3 channel, permission}]}]</c>:
    /// how many entries, whether one names this channel (or all channels: guild id − 1), whether any denies.
    /// </summary>
    private static CommandOverrides Overrides(System.Text.Json.JsonElement json, ulong guildId, ulong channelId)
    {
        if (json.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            throw new DiscordPayloadException("command permissions are not a list");
        }

        var entries = 0;
        var namesChannel = false;
        var denies = false;
        foreach (var command in json.EnumerateArray())
        {
            entries++;
            if (!Json.Has(command, "permissions", out var permissions) || permissions.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                continue;
            }

            foreach (var p in permissions.EnumerateArray())
            {
                var id = Json.Snowflake(p, "id");
                namesChannel |= Json.Int(p, "type") == 3 && (id == channelId || id == guildId - 1);
                denies |= p.TryGetProperty("permission", out var allowed) && allowed.ValueKind == System.Text.Json.JsonValueKind.False;
            }
        }

        return new CommandOverrides(entries, namesChannel, denies);
    }

    private static ChannelFacts Facts(DiscordChannel c) => new(
        c.Id,
        c.Type,
        c.ParentId,
        [.. c.Overwrites.Select(o => new PermissionOverwrite(o.Id, o.Type == 1 ? OverwriteTarget.Member : OverwriteTarget.Role, (DiscordPermissions)o.Allow, (DiscordPermissions)o.Deny))],
        c.Name);

    private async Task<MemberLookup> ReadMemberAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(async () =>
        {
            var m = await rest.GetGuildMemberAsync(guildId, MidjourneySnapshot.MidjourneyBotId, cancellationToken).ConfigureAwait(false);
            return new MemberFacts(MidjourneySnapshot.MidjourneyBotId, m.Roles, m.CommunicationDisabledUntil, m.Pending);
        }, cancellationToken).ConfigureAwait(false);
        return read.Value is { } member ? MemberLookup.Found(member)
            : read.Problem is { Status: 404, Code: DiscordErrorCodes.UnknownMember } ? MemberLookup.NotAMember
            : MemberLookup.Failed(read.Problem!);
    }

    private async Task<Readable<T>> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return Readable<T>.Of(await read().ConfigureAwait(false));
        }
        catch (DiscordRateLimitException ex)
        {
            Log.ReadFailed(logger, ex.Route, ex.Status, ex.Code);
            return Readable<T>.Failed(new ReadProblem(ex.Status, 0, "rate limited: try again in a minute"));
        }
        catch (DiscordApiException ex)
        {
            Log.ReadFailed(logger, ex.Route, ex.Status, ex.Code);
            return Readable<T>.Failed(new ReadProblem(ex.Status, ex.Code, ex.DiscordMessage ?? "error"));
        }
        catch (HttpRequestException)
        {
            return Readable<T>.Failed(new ReadProblem(0, 0, "Discord could not be reached"));
        }
        catch (DiscordPayloadException)
        {
            return Readable<T>.Failed(new ReadProblem(0, 0, "Discord's answer could not be read"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Readable<T>.Failed(new ReadProblem(0, 0, "timed out"));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Midjourney check: {Route} answered {Status} (code {Code}); judged as not readable.")]
        public static partial void ReadFailed(ILogger logger, string route, int status, int code);

        [LoggerMessage(2, LogLevel.Debug, "Midjourney check judged: {Findings} findings, {CannotCheck} about what could not be read.")]
        public static partial void Judged(ILogger logger, int findings, int cannotCheck);
    }
}

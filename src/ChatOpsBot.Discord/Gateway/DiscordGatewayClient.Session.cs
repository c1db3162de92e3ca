using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>Sessions: the gateway URL and the session start limits before Identify, the Identify payload, and what a new session forgets.</summary>
public sealed partial class DiscordGatewayClient
{
    private static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    private void ClearSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    // Before a new session: the gateway URL (configured, cached, or GET /gateway/bot), the day's remaining identifies and max_concurrency per 5 s.
    private async Task<Uri> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        if (_options.GatewayUrl is null || _options.ShardCount is null)
        {
            try
            {
                var info = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
                _gatewayUrl ??= info.Url;
                _startLimit = info.SessionStartLimit;
                _recommendedShards = info.Shards;
            }
            catch (Exception ex) when (_options.GatewayUrl is not null && ex is HttpRequestException or DiscordApiException { Status: not 401 })
            {
                Log.GatewayInfoFailed(_logger, ex, 0);
            }
        }

        if (_startLimit is { Remaining: <= 0 } limit)
        {
            Log.IdentifyBudgetSpent(_logger, limit.Total, limit.ResetAfter.TotalMinutes);
            await DelayAsync("session-start-limit", limit.ResetAfter > TimeSpan.Zero ? limit.ResetAfter : TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            _startLimit = limit with { Remaining = limit.Total };
        }

        var concurrency = Math.Max(1, _startLimit?.MaxConcurrency ?? 1);
        while (true)
        {
            TimeSpan? wait = null;
            lock (_identifies)
            {
                var now = _time.GetTimestamp();
                while (_identifies.Count > 0 && _time.GetElapsedTime(_identifies.Peek(), now) >= IdentifyWindow)
                {
                    _identifies.Dequeue();
                }

                if (_identifies.Count >= concurrency)
                {
                    wait = IdentifyWindow - _time.GetElapsedTime(_identifies.Peek(), now);
                }
            }

            if (wait is null)
            {
                break;
            }

            await DelayAsync("identify", wait.Value, cancellationToken).ConfigureAwait(false);
        }

        return _options.GatewayUrl ?? _gatewayUrl ?? throw new DiscordPayloadException("No gateway URL.");
    }

    private JsonObject IdentifyPayload()
    {
        var shardCount = _options.ShardCount ?? _recommendedShards ?? 1;
        var shardId = _options.ShardId ?? 0;
        return new JsonObject
        {
            ["token"] = _options.Token,
            ["intents"] = _options.Intents,
            ["properties"] = new JsonObject { ["os"] = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux", ["browser"] = "chatopsbot", ["device"] = "chatopsbot" },
            ["shard"] = new JsonArray(shardId, shardCount),
            ["large_threshold"] = 50,
            ["compress"] = false,
        };
    }

    private void RecordIdentify()
    {
        lock (_identifies)
        {
            _identifies.Enqueue(_time.GetTimestamp());
        }
    }
}

using System.Text.Json.Nodes;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>Sessions: what a new session forgets, and the Identify payload with this shard's <c>[shard_id, num_shards]</c>.</summary>
internal sealed partial class GatewayShard
{
    private void ClearSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    private JsonObject IdentifyPayload() => new()
    {
        ["token"] = _options.Token,
        ["intents"] = _options.Intents,
        ["properties"] = new JsonObject { ["os"] = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux", ["browser"] = "chatopsbot", ["device"] = "chatopsbot" },
        ["shard"] = new JsonArray(Id, Count),
        ["large_threshold"] = 50,
        ["compress"] = false,
    };
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>Source-generated serialization of the answers written to Discord's POST (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class DiscordInteractionsJsonContext : JsonSerializerContext;

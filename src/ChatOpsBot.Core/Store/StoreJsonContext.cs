using System.Text.Json.Serialization;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Store;

/// <summary>
/// How the store writes a target's state, an outbox alert and a result behind buttons (enums as names, so a reorder cannot change meaning; a
/// reply's provider as the engine's name, <see cref="ReplyProviderJsonConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ReplyProviderJsonConverter)])]
[JsonSerializable(typeof(TargetRecord))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(StoredResult))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Store;

/// <summary>
/// Stores a <see cref="ReplyProvider"/> as the engine's provider name (<c>"OpenAI"</c>), the form outbox rows had when
/// the reply model held the engine's enum, so rows written before and after read the same in either version. A
/// provider the engine does not know is written as an object (<c>{"Name":…,"DisplayName":…}</c>), which is read too.
/// </summary>
internal sealed class ReplyProviderJsonConverter : JsonConverter<ReplyProvider>
{
    public override ReplyProvider Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            return Enum.TryParse<ProviderId>(text, ignoreCase: true, out var id) && Enum.IsDefined(id) && !char.IsAsciiDigit(text![0])
                ? ReplyBuilder.ProviderOf(id)
                : throw new JsonException("Unknown provider in a stored reply.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A stored reply's provider is neither a name nor an object.");
        }

        string? name = null;
        string? displayName = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case nameof(ReplyProvider.Name):
                    name = reader.GetString();
                    break;
                case nameof(ReplyProvider.DisplayName):
                    displayName = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return name is not null && displayName is not null
            ? new ReplyProvider(name, displayName)
            : throw new JsonException("A stored reply's provider lacks its name.");
    }

    public override void Write(Utf8JsonWriter writer, ReplyProvider value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var id in Enum.GetValues<ProviderId>())
        {
            if (ReplyBuilder.ProviderOf(id) == value)
            {
                writer.WriteStringValue(id.ToString());
                return;
            }
        }

        writer.WriteStartObject();
        writer.WriteString(nameof(ReplyProvider.Name), value.Name);
        writer.WriteString(nameof(ReplyProvider.DisplayName), value.DisplayName);
        writer.WriteEndObject();
    }
}

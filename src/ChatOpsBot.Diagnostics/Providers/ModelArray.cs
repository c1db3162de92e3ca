using System.Text;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Recognises a model list sent as a bare JSON array of objects that each carry an <c>id</c> (Together's
/// <c>GET /v1/models</c>, docs/contract.md), whole or cut short by the read limit. Anything else (numbers, error
/// envelopes in an array, garbage) is not a model list. Never throws.
/// </summary>
internal static class ModelArray
{
    private const int MaxDepth = 32;

    /// <summary>
    /// (true, n) for a whole list of n models; (false, n) for a list cut short after n whole models (only when
    /// <paramref name="truncated"/>); null when <paramref name="body"/> is not such a list.
    /// </summary>
    public static (bool Complete, int Count)? Read(string body, bool truncated)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), isFinalBlock: !truncated,
            new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth, AllowTrailingCommas = true }));
        var count = 0;
        var hasId = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            while (reader.Read())
            {
                switch (reader.CurrentDepth, reader.TokenType)
                {
                    case (0, JsonTokenType.EndArray):
                        return reader.Read() ? null : (true, count);
                    case (1, JsonTokenType.StartObject):
                        hasId = false;
                        break;
                    case (1, JsonTokenType.EndObject) when hasId:
                        count++;
                        break;
                    case (1, _):
                        return null;
                    case (2, JsonTokenType.PropertyName) when reader.ValueTextEquals("id"):
                        hasId = reader.Read() && reader.TokenType == JsonTokenType.String;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        // Ran out of input inside the array: only a body cut by the read limit may end so.
        return truncated ? (false, count) : null;
    }
}

using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord;

/// <summary>Checks what data annotations cannot: URL schemes, the token's form and the shard pair.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.GatewayUrl is { } gateway && (!gateway.IsAbsoluteUri || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            failures.Add("Discord:GatewayUrl must be an absolute ws(s) URL.");
        }

        if (options.Token is { Length: > 0 } token)
        {
            // The messages never quote the token.
            if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("Discord:Token must be the raw bot token, without a 'Bot ' prefix.");
            }
            else if (token.Any(char.IsWhiteSpace))
            {
                failures.Add("Discord:Token contains whitespace.");
            }
        }

        if (options.ShardId is { } id && options.ShardCount is { } count && id >= count)
        {
            failures.Add("Discord:ShardId must be lower than Discord:ShardCount.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord;

/// <summary>Checks <see cref="DiscordOptions"/> when the host starts, every problem at once (plain code: no reflection): URL schemes, the token's form, the numbers' ranges and the shard pair.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
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

        if (string.IsNullOrWhiteSpace(options.UserAgentUrl) || string.IsNullOrWhiteSpace(options.UserAgentVersion))
        {
            failures.Add("Discord:UserAgentUrl and Discord:UserAgentVersion must not be empty.");
        }

        if (options.Intents < 0)
        {
            failures.Add("Discord:Intents must be 0 or more.");
        }

        if (options.ShardId < 0)
        {
            failures.Add("Discord:ShardId must be 0 or more.");
        }

        if (options.ShardCount < 1)
        {
            failures.Add("Discord:ShardCount must be 1 or more.");
        }

        if (options.ShardId is { } id && options.ShardCount is { } count && id >= count)
        {
            failures.Add("Discord:ShardId must be lower than Discord:ShardCount.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

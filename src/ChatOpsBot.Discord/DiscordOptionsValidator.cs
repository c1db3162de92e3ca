using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Discord.Gateway;
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

        ValidateShards(options, failures);

        ValidateInteractions(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateInteractions(DiscordOptions options, List<string> failures)
    {
        if (options.HttpInteractions)
        {
            if (!DiscordSignature.TryParsePublicKey(options.PublicKey!.Trim(), out _))
            {
                failures.Add("Discord:PublicKey must be the application's public key from the Developer Portal (General Information): 64 hex characters.");
            }

            if (!options.IsConfigured)
            {
                failures.Add("Discord:PublicKey needs Discord:Token too: answers to HTTP interactions are edited and followed up over REST.");
            }
        }
        else if (!options.UseGateway && options.IsConfigured)
        {
            failures.Add("Discord:UseGateway=false needs Discord:PublicKey: without the gateway, interactions arrive only over HTTP.");
        }

        if (options.InteractionMaxAge < TimeSpan.FromSeconds(5) || options.InteractionMaxAge > TimeSpan.FromHours(1))
        {
            failures.Add("Discord:InteractionMaxAge must be between 00:00:05 and 01:00:00.");
        }

        if (options.InteractionAnswerWithin <= TimeSpan.Zero || options.InteractionAnswerWithin > TimeSpan.FromSeconds(2.9))
        {
            failures.Add("Discord:InteractionAnswerWithin must be above 0 and at most 00:00:02.9 (Discord waits 3 seconds).");
        }
    }

    // Ids are checked against Discord:ShardCount here; against GET /gateway/bot's count when the gateway starts.
    private static void ValidateShards(DiscordOptions options, List<string> failures)
    {
        int[] ids;
        if (!string.IsNullOrWhiteSpace(options.ShardIds)) // empty: unset (a JSON null arrives as "")
        {
            if (options.ShardId is not null)
            {
                failures.Add("Set Discord:ShardIds only: Discord:ShardId is its older one-id form.");
                return;
            }

            if (!ShardIdList.TryParse(options.ShardIds, out ids, out var problem))
            {
                failures.Add(problem);
                return;
            }
        }
        else if (options.ShardId is { } id)
        {
            ids = [id];
        }
        else
        {
            return;
        }

        if (options.ShardCount is { } count && ids[^1] >= count)
        {
            var beyond = ids.Where(i => i >= count).ToArray();
            failures.Add($"Discord:ShardIds names shard{(beyond.Length > 1 ? "s" : "")} {ShardIdList.Describe(beyond)}, but Discord:ShardCount is {count} ({(count == 1 ? "only id 0" : $"ids 0-{count - 1}")}). Raise Discord:ShardCount on every process, or drop those ids.");
        }
    }
}

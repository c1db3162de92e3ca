using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatOpsBot.Discord.Models;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>The gateway as the adapter sees it: a stream of dispatches, who the bot is, and a rate-limited send.</summary>
public interface IDiscordGateway
{
    /// <summary>Every dispatch of every shard of this process (READY, RESUMED, INTERACTION_CREATE, MESSAGE_CREATE, GUILD_CREATE, …), in order per shard, across reconnects.</summary>
    ChannelReader<GatewayDispatch> Dispatches { get; }

    GatewayState State { get; }

    /// <summary>The last READY (bot user id, application id, session), or null before the first.</summary>
    DiscordReady? Ready { get; }

    /// <summary>Connects, identifies or resumes, and reconnects until cancelled. Throws <see cref="DiscordGatewayFatalException"/> on a fatal close.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes when every shard of this process has its session up (READY or RESUMED; at once if they are).</summary>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken);

    /// <summary>Sends a payload through the 115-per-60-s queue, once the session is up: on the shard of its <c>guild_id</c>, or on every shard. At most 4096 bytes.</summary>
    Task SendAsync(int opcode, JsonNode? data, CancellationToken cancellationToken);

    /// <summary>Reads dispatches as an async stream.</summary>
    IAsyncEnumerable<GatewayDispatch> ReadDispatchesAsync(CancellationToken cancellationToken);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c>, Discord's Interactions Endpoint URL. A request whose Ed25519 signature does not
/// verify against <c>Discord:PublicKey</c>, or whose timestamp is more than <see cref="DiscordOptions.InteractionMaxAge"/>
/// away from now, gets 401 and nothing runs (Discord sends bad ones on purpose and drops endpoints that accept them).
/// PING gets PONG. Commands, buttons, modals and autocomplete go to the same handlers as gateway interactions; their
/// initial response (defer, modal, choices) is the body of this answer, within Discord's 3 seconds; edits and follow-ups
/// then go over REST. See https://discord.com/developers/docs/interactions/receiving-and-responding.
/// </summary>
public static partial class DiscordInteractionsEndpoint
{
    public const string Path = "/discord/interactions";

    /// <summary>Larger bodies are refused (413) before any parsing. Real interactions are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private static readonly byte[] Pong = """{"type":1}"""u8.ToArray();

    /// <summary>
    /// Maps the endpoint, served from <paramref name="services"/> (the worker's container: options, adapter, clock,
    /// logging). Needs a valid <c>Discord:PublicKey</c> (checked at start by the options validator).
    /// </summary>
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!DiscordSignature.TryParsePublicKey(options.PublicKey?.Trim(), out var key))
        {
            throw new InvalidOperationException("Discord:PublicKey must be the application's public key: 64 hex characters.");
        }

        var context = new EndpointContext(
            key!,
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordInteractionsEndpoint)),
            services.GetServices<IHostedService>().OfType<DiscordAdapterService>().FirstOrDefault());
        return endpoints.MapPost(Path, (RequestDelegate)(http => HandleAsync(http, context)));
    }

    private static async Task HandleAsync(HttpContext http, EndpointContext context)
    {
        var logger = context.Logger;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var signature = http.Request.Headers[DiscordSignature.SignatureHeader].ToString();
        var timestamp = http.Request.Headers[DiscordSignature.TimestampHeader].ToString();
        if (!DiscordSignature.Verify(context.Key, signature, timestamp, body))
        {
            Log.Refused(logger, signature.Length == 0 ? "no signature" : "a bad signature");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!DiscordSignature.IsFresh(timestamp, context.Time.GetUtcNow(), context.Options.InteractionMaxAge))
        {
            Log.Refused(logger, "a stale timestamp");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        DiscordInteraction interaction;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Number
                && type.TryGetInt32(out var t) && t == (int)InteractionType.Ping)
            {
                await WriteJsonAsync(http, Pong).ConfigureAwait(false);
                return;
            }

            interaction = DiscordInteraction.Parse(document.RootElement.Clone());
        }
        catch (Exception ex) when (ex is JsonException or DiscordPayloadException)
        {
            Log.BadBody(logger, ex.GetType().Name);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type is not (InteractionType.ApplicationCommand or InteractionType.MessageComponent
            or InteractionType.ApplicationCommandAutocomplete or InteractionType.ModalSubmit))
        {
            Log.BadBody(logger, "unknown interaction type " + ((int)interaction.Type).ToString(System.Globalization.CultureInfo.InvariantCulture));
            http.Response.StatusCode = StatusCodes.Status400BadRequest; // no answer of ours would be valid for it
            return;
        }

        var responder = new HttpInteractionResponder();
        if (context.Adapter?.Dispatch(interaction, responder) != true)
        {
            Log.NotRunning(logger);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await AnswerAsync(http, context, interaction, responder).ConfigureAwait(false);
    }

    /// <summary>Writes the handler's initial response (or, past the deadline, a fallback) and tells the handler it left.</summary>
    private static async Task AnswerAsync(HttpContext http, EndpointContext context, DiscordInteraction interaction, HttpInteractionResponder responder)
    {
        try
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
            {
                await Task.WhenAny(responder.Answer, Task.Delay(context.Options.InteractionAnswerWithin, context.Time, wait.Token)).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }

            if (!responder.Answer.IsCompleted && responder.TryFallback(Fallback(interaction.Type)))
            {
                Log.Slow(context.Logger, interaction.Id, context.Options.InteractionAnswerWithin);
            }

            var answer = await responder.Answer.ConfigureAwait(false);
            await WriteJsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(answer, DiscordInteractionsJsonContext.Default.JsonObject)).ConfigureAwait(false);
            await http.Response.CompleteAsync().ConfigureAwait(false);
            responder.Written(ok: true);
        }
        finally
        {
            responder.Written(ok: false); // no effect after a success; otherwise the handler learns Discord never got it
        }
    }

    /// <summary>What Discord gets when the handler is too slow: no choices for autocomplete, else a private "thinking…".</summary>
    private static JsonObject Fallback(InteractionType type) => type == InteractionType.ApplicationCommandAutocomplete
        ? new JsonObject { ["type"] = (int)InteractionCallbackType.AutocompleteResult, ["data"] = new JsonObject { ["choices"] = new JsonArray() } }
        : new JsonObject { ["type"] = (int)InteractionCallbackType.DeferredChannelMessageWithSource, ["data"] = new JsonObject { ["flags"] = DiscordMessageBody.EphemeralFlag } };

    private static async Task WriteJsonAsync(HttpContext http, byte[] json)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The raw body, byte for byte (the signature covers it exactly); null past <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record EndpointContext(PublicKey Key, DiscordOptions Options, TimeProvider Time, ILogger Logger, DiscordAdapterService? Adapter);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Discord interactions: refused a request with {Problem} (401; Discord sends some on purpose).")]
        public static partial void Refused(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Discord interactions: a signed request whose body is not an interaction ({Problem}); answered 400.")]
        public static partial void BadBody(ILogger logger, string problem);

        [LoggerMessage(3, LogLevel.Warning, "Discord interactions: the adapter is not running (stopping, or Discord:Token unset); answered 503.")]
        public static partial void NotRunning(ILogger logger);

        [LoggerMessage(4, LogLevel.Warning, "Discord interactions: interaction {InteractionId} had no answer after {Within}; deferred it privately in its place.")]
        public static partial void Slow(ILogger logger, ulong interactionId, TimeSpan within);
    }
}

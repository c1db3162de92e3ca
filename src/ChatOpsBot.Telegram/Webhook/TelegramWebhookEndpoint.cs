using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Webhook;

/// <summary>The webhook endpoint: Telegram POSTs one Update per request with the secret in a header.</summary>
public static partial class TelegramWebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// Larger bodies are not read (an Update is a few kilobytes: a message's text is at most 4096 characters). Past
    /// the secret check the sender is Telegram, so such a body is dropped like an unreadable one: answered 200.
    /// </summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// Maps <c>POST {path}</c> (default <see cref="TelegramOptions.WebhookPath"/>): 401 without the secret header,
    /// 403 with a wrong one (compared in constant time), else 200: once the update is taken (a failing handler is
    /// logged and still answered 200), and at once for a body that is not an Update or is over
    /// <see cref="MaxBodyBytes"/> (logged and dropped). Telegram repeats any update not answered 2xx, holding up the
    /// ones after it (https://core.telegram.org/bots/api#setwebhook), so refusing one we cannot read only blocks the
    /// bot. The update
    /// goes to its chat's lane (<see cref="TelegramUpdateLanes"/>); if the chat is still busy after
    /// <see cref="TelegramOptions.WebhookAnswerWithin"/>, it is answered 200 anyway and waits its turn in memory (so
    /// Telegram is never kept waiting by one slow chat); if the host stops before it is taken, 503 (Telegram sends it again).
    /// </summary>
    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        path ??= endpoints.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value.WebhookPath;
        // A RequestDelegate, not a Delegate: the Delegate overload builds its parameter binding by reflection (not AOT-safe).
        return endpoints.MapPost(path, static async context =>
        {
            var services = context.RequestServices;
            var result = await HandleAsync(
                context,
                services.GetRequiredService<IOptions<TelegramOptions>>(),
                services.GetRequiredService<TelegramUpdateLanes>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>()).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    internal static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<TelegramOptions> options,
        TelegramUpdateLanes lanes,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(TelegramWebhookEndpoint));
        var expected = options.Value.WebhookSecretToken;
        if (string.IsNullOrEmpty(expected))
        {
            Log.NoSecret(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!context.Request.Headers.TryGetValue(SecretHeader, out var given) || given.Count != 1 || string.IsNullOrEmpty(given[0]))
        {
            Log.Rejected(logger, "missing");
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (!SecretMatches(given[0]!, expected))
        {
            Log.Rejected(logger, "wrong");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            Log.Dropped(logger, "over " + MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes");
            return Results.Ok();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes; // a body without a length is cut off there (read as an error below)
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync(context.Request.Body, TelegramJson.Update, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not only JsonException: Telegram.Bot's converters throw others on a value of the right JSON type but an
            // impossible range (a date beyond year 9999, an id too large), and Kestrel throws past the size limit.
            // Only the exception's type is logged: its message may quote the body.
            Log.Dropped(logger, ex.GetType().Name);
            return Results.Ok();
        }

        if (update is null)
        {
            Log.Dropped(logger, "null");
            return Results.Ok();
        }

        var taken = lanes.EnqueueAsync(update, lanes.Stopping);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            await Task.WhenAny(taken, Task.Delay(options.Value.WebhookAnswerWithin, timeProvider, wait.Token)).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }

        if (taken.IsCanceled)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // stopping before it was taken: Telegram repeats it
        }

        if (!taken.IsCompleted)
        {
            Log.Queued(logger, update.Id, options.Value.WebhookAnswerWithin);
        }

        return Results.Ok();
    }

    /// <summary>Constant-time comparison (the lengths leak nothing either: both sides are hashed first).</summary>
    internal static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Telegram webhook request refused: {State} secret token header.")]
        public static partial void Rejected(ILogger logger, string state);

        [LoggerMessage(2, LogLevel.Warning, "Telegram webhook: a body that is not an Update was dropped ({Problem}); answered 200 so Telegram does not send it again.")]
        public static partial void Dropped(ILogger logger, string problem);

        [LoggerMessage(4, LogLevel.Debug, "Telegram webhook: update {UpdateId} answered after {Within} while its chat is still busy; it waits its turn.")]
        public static partial void Queued(ILogger logger, int updateId, TimeSpan within);

        [LoggerMessage(3, LogLevel.Error, "Telegram webhook called but Telegram:WebhookSecretToken is not set: refusing every request.")]
        public static partial void NoSecret(ILogger logger);
    }
}

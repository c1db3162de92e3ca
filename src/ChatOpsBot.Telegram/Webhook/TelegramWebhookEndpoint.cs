using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Telegram.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Webhook;

/// <summary>The webhook endpoint: Telegram POSTs one Update per request with the secret in a header.</summary>
public static partial class TelegramWebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// Maps <c>POST {path}</c> (default <see cref="TelegramOptions.WebhookPath"/>): 401 without the secret header,
    /// 403 with a wrong one (compared in constant time), 400 for a body that is not an Update, else 200 once the
    /// update was handled (a failing handler is logged and still answered 200: Telegram would only repeat it).
    /// </summary>
    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        path ??= endpoints.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value.WebhookPath;
        return endpoints.MapPost(path, HandleAsync);
    }

    internal static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<TelegramOptions> options,
        TelegramUpdateDispatcher dispatcher,
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

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null)
        {
            Log.BadBody(logger);
            return Results.BadRequest();
        }

        await dispatcher.DispatchAsync(update, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>Constant-time comparison (the lengths leak nothing either: both sides are hashed first).</summary>
    internal static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Telegram webhook request refused: {State} secret token header.")]
        public static partial void Rejected(ILogger logger, string state);

        [LoggerMessage(2, LogLevel.Warning, "Telegram webhook request refused: its body is not an Update.")]
        public static partial void BadBody(ILogger logger);

        [LoggerMessage(3, LogLevel.Error, "Telegram webhook called but Telegram:WebhookSecretToken is not set: refusing every request.")]
        public static partial void NoSecret(ILogger logger);
    }
}

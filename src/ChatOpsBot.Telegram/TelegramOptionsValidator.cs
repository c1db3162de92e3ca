using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram;

/// <summary>Checks <see cref="TelegramOptions"/> when the host starts and reports every problem at once. Never echoes the token.</summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success; // the adapter stays off; nothing else matters
        }

        var builder = new ValidateOptionsResultBuilder();
        if (!TokenRegex().IsMatch(options.Token!.Trim()))
        {
            builder.AddError("must look like <bot id: 1-16 digits>:<secret> (as BotFather gives it)", nameof(TelegramOptions.Token));
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            builder.AddError("must be an absolute http(s) URL", nameof(TelegramOptions.ApiBaseUrl));
        }

        if (options.PollTimeout < TimeSpan.FromSeconds(1) || options.PollTimeout > TimeSpan.FromSeconds(100))
        {
            // 0 would be short polling: a busy loop against Telegram
            builder.AddError("must be between 00:00:01 and 00:01:40", nameof(TelegramOptions.PollTimeout));
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            builder.AddError("must be between 00:00:01 and 00:05:00", nameof(TelegramOptions.RequestTimeout));
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            builder.AddError("must be between 0 and 10", nameof(TelegramOptions.MaxRetries));
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            builder.AddError("InitialBackoff must be positive and not above MaxBackoff", nameof(TelegramOptions.InitialBackoff));
        }

        if (options.MaxConcurrentChats is < 1 or > 256)
        {
            builder.AddError("must be between 1 and 256", nameof(TelegramOptions.MaxConcurrentChats));
        }

        if (options.BusyPollInterval < TimeSpan.FromMilliseconds(50) || options.BusyPollInterval > TimeSpan.FromMinutes(1))
        {
            builder.AddError("must be between 00:00:00.050 and 00:01:00", nameof(TelegramOptions.BusyPollInterval));
        }

        if (options.WebhookAnswerWithin < TimeSpan.Zero || options.WebhookAnswerWithin > TimeSpan.FromSeconds(30))
        {
            builder.AddError("must be between 00:00:00 and 00:00:30", nameof(TelegramOptions.WebhookAnswerWithin));
        }

        foreach (var type in options.AllowedUpdates)
        {
            if (!TryParseUpdateType(type, out _))
            {
                builder.AddError("holds a value that is not a Bot API update type (such as message, callback_query)", nameof(TelegramOptions.AllowedUpdates));
            }
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (options.WebhookUrl is not { IsAbsoluteUri: true } url || url.Scheme != Uri.UriSchemeHttps)
            {
                builder.AddError("webhook mode needs an absolute HTTPS URL (Telegram refuses plain HTTP)", nameof(TelegramOptions.WebhookUrl));
            }
            else if (url.Port is not (443 or 80 or 88 or 8443))
            {
                builder.AddError("Telegram delivers only to ports 443, 80, 88 and 8443", nameof(TelegramOptions.WebhookUrl));
            }

            if (options.WebhookSecretToken is null || !SecretRegex().IsMatch(options.WebhookSecretToken))
            {
                builder.AddError("webhook mode needs 1-256 characters of A-Z a-z 0-9 _ -", nameof(TelegramOptions.WebhookSecretToken));
            }

            if (!options.WebhookPath.StartsWith('/'))
            {
                builder.AddError("must start with /", nameof(TelegramOptions.WebhookPath));
            }
        }

        return builder.Build();
    }

    /// <summary>Maps a Bot API update type (<c>edited_message</c>) to Telegram.Bot's enum.</summary>
    public static bool TryParseUpdateType(string value, out UpdateType type)
    {
        type = UpdateType.Unknown;
        return !string.IsNullOrWhiteSpace(value)
            && Enum.TryParse(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out type)
            && type != UpdateType.Unknown
            && Enum.IsDefined(type);
    }

    [GeneratedRegex(@"^[0-9]{1,16}:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretRegex();
}

using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// Builds the one <see cref="TelegramBotClient"/>: base URL from options, our own <see cref="HttpClient"/> from the
/// factory (named <see cref="HttpClientName"/>, registered with every logger removed because the token is in the URL
/// path), Telegram.Bot's own 429 retry off (<see cref="TelegramBot"/> owns it), and the token registered with the
/// scrubber for as long as the client lives.
/// </summary>
public sealed class TelegramClientFactory : IDisposable
{
    public const string HttpClientName = "ChatOpsBot.Telegram";

    private readonly IDisposable _scrubberRegistration;
    private readonly Lazy<ITelegramBotClient> _client;

    public TelegramClientFactory(IOptions<TelegramOptions> options, IHttpClientFactory httpClientFactory, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(scrubber);
        Scrubber = scrubber;
        var value = options.Value;
        var token = value.Token?.Trim();
        _scrubberRegistration = scrubber.Register(token ?? "");
        _client = new Lazy<ITelegramBotClient>(() =>
        {
            if (string.IsNullOrEmpty(token))
            {
                throw new InvalidOperationException("Telegram:Token is not set: the Telegram adapter is off.");
            }

            var http = httpClientFactory.CreateClient(HttpClientName);
            http.Timeout = value.PollTimeout + value.RequestTimeout; // getUpdates is held up to PollTimeout
            var clientOptions = new TelegramBotClientOptions(token, value.ApiBaseUrl.GetLeftPart(UriPartial.Authority))
            {
                RetryThreshold = 0, // one layer retries 429: TelegramBot, on the TimeProvider
                RetryCount = 0,
            };
            return new TelegramBotClient(clientOptions, http);
        });
    }

    /// <summary>The scrubber the token is registered with; errors from the client pass through it.</summary>
    public SecretScrubber Scrubber { get; }

    /// <summary>The client (built on first use; throws when no token is configured).</summary>
    public ITelegramBotClient Client => _client.Value;

    public void Dispose() => _scrubberRegistration.Dispose();
}

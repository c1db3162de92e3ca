namespace ChatOpsBot.Telegram;

/// <summary>The <c>Telegram</c> configuration section. Holds the bot token: never log it whole.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The update types the bot uses; everything else is not asked for.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"];

    /// <summary>The BotFather token (<c>&lt;bot id&gt;:&lt;secret&gt;</c>). None: the Telegram adapter stays off.</summary>
    public string? Token { get; set; }

    /// <summary>Bot API root. Telegram.Bot keeps only scheme, host and port of it (it serves <c>/bot&lt;token&gt;/&lt;method&gt;</c>).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the public HTTPS URL Telegram POSTs updates to (ports 443, 80, 88 or 8443).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Webhook mode: 1–256 characters of <c>A-Z a-z 0-9 _ -</c>, echoed by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c>.</summary>
    public string? WebhookSecretToken { get; set; }

    /// <summary>Path the webhook endpoint is mapped at (see <c>MapTelegramWebhook</c>).</summary>
    public string WebhookPath { get; set; } = "/telegram/webhook";

    /// <summary>
    /// Where the worker listens for Telegram's webhook calls in webhook mode (behind your HTTPS reverse proxy, which
    /// Telegram reaches at <see cref="WebhookUrl"/>).
    /// </summary>
    public string WebhookListenUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Long-poll timeout sent as getUpdates' <c>timeout</c> (whole seconds, 1–100; 0 would be short polling); the HTTP timeout is this plus <see cref="RequestTimeout"/>.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP timeout of every other call, and the margin added to <see cref="PollTimeout"/> for getUpdates.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Update types asked for (getUpdates / setWebhook <c>allowed_updates</c>), in the Bot API's snake_case; empty means
    /// <see cref="DefaultAllowedUpdates"/> (empty by default because the configuration binder appends to a filled list).
    /// </summary>
    public IList<string> AllowedUpdates { get; set; } = [];

    /// <summary><see cref="AllowedUpdates"/>, or the defaults when none are configured; each once.</summary>
    public IReadOnlyList<string> EffectiveAllowedUpdates =>
        AllowedUpdates.Count == 0 ? DefaultAllowedUpdates : [.. AllowedUpdates.Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>A 429 whose <c>retry_after</c> is at most this is waited out and retried; a longer one is returned as an error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times one call is retried after a 429.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off after a polling failure; doubles per failure up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many chats are handled at once (1–256). Updates of one chat are handled one after another, in order; a chat
    /// waiting on a slow diagnosis holds only its own updates up.
    /// </summary>
    public int MaxConcurrentChats { get; set; } = 16;

    /// <summary>
    /// Polling: while an update is still being taken, Telegram keeps returning it (it is not confirmed yet), so a long
    /// poll returns at once. Then the poller waits this long (or until an update is taken) before polling for new ones.
    /// </summary>
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Webhook: the request is answered once its update is taken, or after this long if its chat is still busy (the
    /// update then waits in memory for its turn; Telegram is not kept waiting, and does not send it again).
    /// </summary>
    public TimeSpan WebhookAnswerWithin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when a token is set; without one the adapter stays off.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);
}

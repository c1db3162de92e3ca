namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// One REST call's route. <see cref="Template"/> names the route for bucket discovery; <see cref="Major"/> is the
/// top-level resource (channel id, guild id, webhook id + token) that Discord keys buckets by.
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Path, string Template, string Major, bool UseBotAuth, bool GlobalExempt)
{
    public string RouteKey => $"{Method.Method} {Template}";

    public string QueueKey => $"{RouteKey}|{Major}";

    /// <summary>Method and path with every token replaced: safe for logs and exception messages.</summary>
    public string Display { get; init; } = $"{Method.Method} {Template}";

    public static DiscordRoute Bot(HttpMethod method, string path, string template, string major = "") =>
        new(method, path, template, major, UseBotAuth: true, GlobalExempt: false) { Display = $"{method.Method} {path}" };

    /// <summary>Interaction callbacks and interaction webhooks: authorised by the token in the path, exempt from the global limit.</summary>
    public static DiscordRoute Interaction(HttpMethod method, string path, string template, string major, string display) =>
        new(method, path, template, major, UseBotAuth: false, GlobalExempt: true) { Display = $"{method.Method} {display}" };
}

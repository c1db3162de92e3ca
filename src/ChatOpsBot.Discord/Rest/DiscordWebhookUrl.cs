using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// An incoming-webhook URL as Discord shows it (Server Settings → Integrations → Webhooks → Copy Webhook URL):
/// <c>https://discord.com/api/webhooks/{id}/{token}</c>, also on <c>discordapp.com</c>, <c>ptb.</c>/<c>canary.</c>, with an
/// optional <c>/v10/</c>. Plain http or another host only on loopback (tests point it at the fake). The token is a secret:
/// <see cref="ToString"/> and <see cref="Shown"/> end in <c>…</c> instead.
/// </summary>
public sealed partial class DiscordWebhookUrl
{
    private static readonly string[] DiscordHosts = ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com", "ptb.discordapp.com", "canary.discordapp.com"];

    private DiscordWebhookUrl(Uri apiRoot, ulong id, string token, string shown)
    {
        ApiRoot = apiRoot;
        Id = id;
        Token = token;
        Shown = shown;
    }

    /// <summary>The API root the webhook is executed on: <c>{scheme}://{host}/api/v10</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary>The webhook's id (a snowflake; not secret).</summary>
    public ulong Id { get; }

    /// <summary>The webhook's token: whoever has it can post as the webhook. Never log or show it.</summary>
    public string Token { get; }

    /// <summary>The URL without its token: <c>https://discord.com/api/webhooks/{id}/…</c>.</summary>
    public string Shown { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong without echoing the token.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DiscordWebhookUrl? webhook, [NotNullWhen(false)] out string? problem)
    {
        webhook = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problem = "No webhook URL was given: copy it from the channel's Integrations → Webhooks → Copy Webhook URL.";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problem = "This is not a web address. A Discord webhook URL looks like https://discord.com/api/webhooks/<id>/<token>.";
            return false;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        var host = uri.IdnHost.ToLowerInvariant();
        if (!loopback && !DiscordHosts.Contains(host, StringComparer.Ordinal))
        {
            problem = $"The host {host} is not Discord's. A Discord webhook URL starts with https://discord.com/api/webhooks/.";
            return false;
        }

        if (!loopback && (uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort))
        {
            problem = "A Discord webhook URL must be https:// on the default port.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.Fragment.Length > 0)
        {
            problem = "A Discord webhook URL has no user name and no #fragment.";
            return false;
        }

        var match = PathRegex().Match(uri.AbsolutePath);
        if (!match.Success || !ulong.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1_000_000)
        {
            problem = "The path is not /api/webhooks/<id>/<token>: copy the whole URL again from Integrations → Webhooks → Copy Webhook URL.";
            return false;
        }

        var token = match.Groups["token"].Value;
        if (token.Length < 16)
        {
            problem = "The webhook token in the URL is too short: the URL was probably cut when copied.";
            return false;
        }

        var authority = uri.GetLeftPart(UriPartial.Authority);
        var idText = id.ToString(CultureInfo.InvariantCulture);
        webhook = new DiscordWebhookUrl(new Uri(authority + "/api/v10"), id, token, $"{authority}/api/webhooks/{idText}/…");
        problem = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (whose message never holds the token).</summary>
    public static DiscordWebhookUrl Parse(string text) =>
        TryParse(text, out var webhook, out var problem) ? webhook : throw new FormatException(problem);

    /// <summary>The shown form (no token).</summary>
    public override string ToString() => Shown;

    [GeneratedRegex(@"^/api(?:/v\d{1,2})?/webhooks/(?<id>\d{1,20})/(?<token>[A-Za-z0-9_-]+)/?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PathRegex();
}

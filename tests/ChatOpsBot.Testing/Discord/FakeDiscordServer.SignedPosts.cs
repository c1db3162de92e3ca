using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ChatOpsBot.Testing.Discord;

// Raw signed POSTs for fuzzing the interactions endpoint: any bytes, validly signed with the application's key, so the
// endpoint gets past the signature check and its parsing and handlers are what is tested. Nothing is registered as an
// interaction (a garbage body has no id or token to register), and the answer is not applied.
public sealed partial class FakeDiscordServer
{
    /// <summary>
    /// POSTs <paramref name="body"/> exactly as given, signed with the application's key over the timestamp and the
    /// bytes (Discord's scheme), as <c>application/json</c>; returns the status, content type and body of the answer.
    /// </summary>
    public async Task<(int Status, string? ContentType, string Body)> PostSignedAsync(
        HttpClient http, Uri endpoint, string body, long unixSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Sign(_applicationKey, timestamp, bytes));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), text);
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Sends one admin API request and reads the answer whole, bounded (<see cref="MaxBody"/>), so a garbage or endless
/// answer becomes an <see cref="AdminApiException"/> rather than a hang or an out-of-memory.
/// </summary>
internal sealed class AdminApi(HttpClient http)
{
    public const string HttpClientName = "revocation";
    public const int MaxBody = 4 * 1024 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary><paramref name="url"/> with <paramref name="query"/> (already escaped, without "?") as its query.</summary>
    public static Uri WithQuery(Uri url, string query)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new UriBuilder(url) { Query = query }.Uri;
    }

    public static HttpRequestMessage Get(Uri url) => WithJson(new HttpRequestMessage(HttpMethod.Get, url));

    public static HttpRequestMessage Delete(Uri url) => WithJson(new HttpRequestMessage(HttpMethod.Delete, url));

    public static HttpRequestMessage Send(HttpMethod method, Uri url, string json) => WithJson(new HttpRequestMessage(method, url)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    });

    public async Task<AdminAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var headers = response.Headers.Concat(response.Content.Headers)
                    .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
                var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
                return new AdminAnswer((int)response.StatusCode, headers, body);
            }
            catch (HttpRequestException ex)
            {
                throw new AdminApiException($"could not reach {request.RequestUri?.Host} ({ex.HttpRequestError})", ex);
            }
            catch (IOException ex)
            {
                throw new AdminApiException($"the connection to {request.RequestUri?.Host} broke", ex);
            }
        }
    }

    /// <summary>The body as <typeparamref name="T"/>; an <see cref="AdminApiException"/> when it is not that JSON.</summary>
    public static T Read<T>(AdminAnswer answer, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type) ?? throw new AdminApiException($"answered {answer.Status} with an empty body");
        }
        catch (JsonException ex)
        {
            throw new AdminApiException($"answered {answer.Status} with a body that is not the expected JSON", ex);
        }
    }

    private static HttpRequestMessage WithJson(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(Json);
        return request;
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBody)
                {
                    throw new AdminApiException($"answered more than {MaxBody / (1024 * 1024)} MB");
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}

using System.Net;

namespace ChatOpsBot.Http.Metrics;

/// <summary>
/// Counts 429 answers on a chat platform's HTTP client (<c>chatopsbot_rest_rate_limited_total</c>). Labels: the
/// platform, and Discord's <c>X-RateLimit-Scope</c> when it is one of its three documented values.
/// </summary>
internal sealed class RateLimitCountingHandler(string platform) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var values) ? values.FirstOrDefault() : null;
            HostMetrics.RateLimited(platform, scope is "user" or "global" or "shared" ? scope : "none");
        }

        return response;
    }
}

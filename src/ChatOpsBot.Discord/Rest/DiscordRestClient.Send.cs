using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Rest;

/// <summary>The pipe: one attempt on the wire, and how Discord's answer becomes a result or an exception.</summary>
public sealed partial class DiscordRestClient
{
    private async Task<JsonElement> SendAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken, string? auditLogReason = null, bool retry429 = true,
        IReadOnlyList<DiscordFile>? files = null, Uri? apiRoot = null)
    {
        if (!_options.IsConfigured && route.UseBotAuth)
        {
            throw new InvalidOperationException("Discord is not configured (Discord:Token is not set).");
        }

        var request = new Request(
            _httpClients.CreateClient(HttpClientName),
            route,
            new Uri((apiRoot ?? _options.ApiBaseUrl).AbsoluteUri.TrimEnd('/') + route.Path),
            body?.ToJsonString(),
            files,
            auditLogReason,
            retry429);
        var answer = await _retry.ExecuteAsync(static (state, ct) => state.Client.SendOnceAsync(state.Request, ct), (Client: this, Request: request), cancellationToken)
            .ConfigureAwait(false);
        if (answer.Status == 429)
        {
            throw new DiscordRateLimitException(429, route.Display, answer.RetryAfter, answer.Scope);
        }

        if (answer.Status is >= 200 and < 300)
        {
            if (answer.Status == 204 || answer.Text.Length == 0)
            {
                return default;
            }

            try
            {
                using var doc = JsonDocument.Parse(answer.Text);
                return doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                // Not Discord's JSON (a captive portal or proxy page with 200): a transport fault, never a crash.
                throw new HttpRequestException($"Discord's answer to {route.Display} (status {answer.Status}) is not JSON: a proxy or portal may have answered instead.", ex);
            }
        }

        throw Error(route, answer.Status, answer.Text);
    }

    /// <summary>
    /// One attempt: waits for the route's bucket (and the global limit), sends, reads the whole answer and records the
    /// rate-limit headers. A 429 is recorded with the limiter (which then holds the bucket, or everything when global,
    /// until <c>retry_after</c> has passed) and marked retryable when the caller waits out rate limits and the wait is
    /// short enough; a 502/503/504 to anything but a POST is marked retryable (a POST may have been applied).
    /// </summary>
    private async ValueTask<DiscordAnswer> SendOnceAsync(Request call, CancellationToken cancellationToken)
    {
        var route = call.Route;
        if (RateLimiter.InvalidBudgetExhausted)
        {
            Log.InvalidBudget(_logger, route.Display, RateLimiter.InvalidRequestsInWindow);
            throw new DiscordRateLimitException(0, route.Display, null, null);
        }

        int status;
        string text;
        HttpResponseHeaders headers;
        using (await RateLimiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
        {
            using var request = new HttpRequestMessage(route.Method, call.Url);
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            if (route.UseBotAuth)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bot " + _options.Token);
            }

            if (call.AuditLogReason is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Audit-Log-Reason", Uri.EscapeDataString(call.AuditLogReason));
            }

            if (call.Files is { Count: > 0 })
            {
                request.Content = Multipart(call.Payload ?? "{}", call.Files);
            }
            else if (call.Payload is not null)
            {
                request.Content = new StringContent(call.Payload, Encoding.UTF8, "application/json");
            }

            using var timeout = new CancellationTokenSource(_options.RestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Interlocked.Increment(ref _inFlight);
            try
            {
                using var response = await call.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                headers = response.Headers;
                RateLimiter.Record(route, status, headers);
                try
                {
                    text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException && !linked.IsCancellationRequested)
                {
                    // A proxy or middlebox labelled the body with a compression it is not in (gzip and deflate throw
                    // InvalidDataException, brotli InvalidOperationException): a transport fault, like a reset.
                    throw new HttpRequestException($"Discord's answer to {route.Display} (status {status}) could not be decoded: it was labelled compressed but is not. Something on the way (a proxy?) changed it.", ex);
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The headers or the body did not come within the limit (a body that stalls is a timeout too).
                throw new TimeoutException($"Discord did not answer {route.Display} within {_options.RestTimeout.TotalSeconds:0} s.");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        if (status == 429)
        {
            var (retryAfter, global) = Read429(text, headers);
            var scope = DiscordRateLimiter.Header(headers, "X-RateLimit-Scope");
            RateLimiter.Record429(route, retryAfter, global, scope);
            Log.RateLimited(_logger, route.Display, retryAfter.TotalSeconds, scope ?? "none", global);
            // An interaction callback is worth nothing after Discord's 3 s: retry it only after a short wait.
            var longest = route.Template.EndsWith("/callback", StringComparison.Ordinal) ? MaxCallback429Wait : Max429Wait;
            var retry = call.Retry429 && retryAfter <= longest ? DiscordRetry.RateLimited : DiscordRetry.None;
            return new DiscordAnswer(route.Display, status, text, retry) { RetryAfter = retryAfter, Scope = scope };
        }

        var serverError = status is 502 or 503 or 504 && route.Method != HttpMethod.Post;
        return new DiscordAnswer(route.Display, status, text, serverError ? DiscordRetry.ServerError : DiscordRetry.None);
    }

    /// <summary>What one call sends: built once, sent again by a retry.</summary>
    private sealed record Request(HttpClient Http, DiscordRoute Route, Uri Url, string? Payload, IReadOnlyList<DiscordFile>? Files, string? AuditLogReason, bool Retry429);

    /// <summary>multipart/form-data: <c>payload_json</c> (application/json) then <c>files[n]</c> with their file names (DDOCS reference.mdx#uploading-files).</summary>
    private static MultipartFormDataContent Multipart(string payload, IReadOnlyList<DiscordFile> files)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(payload, Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            content.Add(part, $"files[{i}]", files[i].FileName);
        }

        return content;
    }

    private static (TimeSpan RetryAfter, bool Global) Read429(string text, HttpResponseHeaders headers)
    {
        double? seconds = null;
        var global = string.Equals(DiscordRateLimiter.Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(DiscordRateLimiter.Header(headers, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("retry_after", out var ra) && ra.TryGetDouble(out var s))
                {
                    seconds = s;
                }

                global |= doc.RootElement.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's HTML 429 has no body to read: fall back to the headers.
        }

        seconds ??= DiscordRateLimiter.Number(headers, "Retry-After") ?? DiscordRateLimiter.Number(headers, "X-RateLimit-Reset-After") ?? 1;
        return (TimeSpan.FromSeconds(Math.Max(0, seconds.Value)), global);
    }

    private DiscordApiException Error(DiscordRoute route, int status, string text)
    {
        int code = 0;
        string? message = null;
        string? errors = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                errors = root.TryGetProperty("errors", out var e) ? e.GetRawText() : null;
            }
        }
        catch (JsonException)
        {
            message = null;
        }

        var scrubber = _scrubber;
        var ex = new DiscordApiException(status, code, message is null ? null : scrubber.Scrub(message), route.Display, null, errors is null ? null : scrubber.Scrub(errors));
        Log.Failed(_logger, route.Display, status, code);
        return ex;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Discord rate-limited {Route}: retry after {RetryAfterSeconds} s (scope {Scope}, global {Global}).")]
        public static partial void RateLimited(ILogger logger, string route, double retryAfterSeconds, string scope, bool global);

        [LoggerMessage(2, LogLevel.Information, "Discord answered {Status} to {Route} with code {Code}.")]
        public static partial void Failed(ILogger logger, string route, int status, int code);

        [LoggerMessage(3, LogLevel.Error, "Not sending {Route}: {Count} invalid requests in 10 minutes; waiting for the count to fall to stay far from Discord's ban.")]
        public static partial void InvalidBudget(ILogger logger, string route, int count);

        [LoggerMessage(4, LogLevel.Warning, "Discord answered {Status} to {Route}; retrying in {WaitSeconds} s.")]
        public static partial void ServerError(ILogger logger, string route, int status, double waitSeconds);
    }
}

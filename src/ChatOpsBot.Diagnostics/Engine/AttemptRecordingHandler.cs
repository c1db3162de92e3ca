using System.Net.Sockets;
using Polly.Timeout;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// Sits under the retry strategy and records every attempt (status or failure, and time to headers) into the
/// request's <see cref="ProbeAttemptLog"/>.
/// </summary>
public sealed class AttemptRecordingHandler(TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.TryGetValue(ProbeAttemptLog.Key, out var log);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log?.Add((int)response.StatusCode, null, timeProvider.GetElapsedTime(started));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or TimeoutRejectedException)
        {
            log?.Add(null, Describe(ex), timeProvider.GetElapsedTime(started));
            throw;
        }
    }

    internal static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException or TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } when ex.InnerException is SocketException se
            => $"connection failed ({se.SocketErrorCode})",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => ToWords(error.ToString()),
        IOException => "connection reset",
        _ => "request failed",
    };

    private static string ToWords(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

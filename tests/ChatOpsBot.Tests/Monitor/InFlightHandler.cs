namespace ChatOpsBot.Tests.Monitor;

/// <summary>Counts HTTP requests in flight (sent, their answer not yet read in full) and says when the count changes.</summary>
internal sealed class InFlightCounter
{
    private int _count;

    /// <summary>Raised after every change of <see cref="Count"/>.</summary>
    public event Action? Changed;

    public int Count => Volatile.Read(ref _count);

    public void Add(int by)
    {
        Interlocked.Add(ref _count, by);
        Changed?.Invoke();
    }
}

/// <summary>
/// Added to a named HttpClient's chain in a test host: a request counts from the moment it is sent until its answer's
/// content is disposed (the client has read it) or the send fails, so a test can wait on a signal, not poll.
/// </summary>
internal sealed class InFlightHandler(InFlightCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Add(1);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            counter.Add(-1);
            throw;
        }

        response.Content = new CountedContent(response.Content, () => counter.Add(-1));
        return response;
    }

    private sealed class CountedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private Action? _done;

        public CountedContent(HttpContent inner, Action done)
        {
            _inner = inner;
            _done = done;
            foreach (var (name, values) in inner.Headers)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, cancellationToken);

        protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                Interlocked.Exchange(ref _done, null)?.Invoke();
            }

            base.Dispose(disposing);
        }
    }
}

namespace ChatOpsBot.Testing.Providers;

/// <summary>What the fake provider server answers to one request.</summary>
public sealed record FakeResponse
{
    public int Status { get; init; } = 200;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string Body { get; init; } = "";

    /// <summary>Bytes sent as they are instead of <see cref="Body"/> (a compressed or broken body).</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>A <c>Content-Encoding</c> header sent as is (the fake never compresses: pair it with <see cref="RawBody"/>).</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Real-time pause before answering (for benchmarks; tests use <see cref="Hang"/> with fake time).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Answer only once this task completes (a test opens the gate: a slow provider without sleeping).</summary>
    public Task? Until { get; init; }

    /// <summary>Never answer: wait until the client gives up or the server is disposed.</summary>
    public bool Hang { get; init; }

    /// <summary>Close the connection without an answer.</summary>
    public bool Drop { get; init; }

    /// <summary>Send headers, then an endless body (bounded at 64 MiB so a bug cannot fill memory).</summary>
    public bool Endless { get; init; }

    public static FakeResponse Json(int status, string body, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Body = body,
        Headers = headers.Append(("content-type", "application/json")).DistinctBy(h => h.Item1.ToUpperInvariant()).ToDictionary(h => h.Item1, h => h.Item2),
    };

    public static FakeResponse Html(int status, string body) => new()
    {
        Status = status,
        Body = body,
        Headers = new Dictionary<string, string> { ["content-type"] = "text/html; charset=utf-8" },
    };

    /// <summary>A recorded real answer, replayed as it was published (status, headers, body).</summary>
    public static FakeResponse FromFixture(ProviderFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return new FakeResponse { Status = fixture.Status, Headers = fixture.Headers, Body = fixture.Body };
    }
}

using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Testing.StatusPages;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer as a status page: <c>/api/v2/summary.json</c> (and
/// <c>/api/v2/incidents.json</c> for incident.io pages) from recorded real answers.
/// </summary>
public static class FakeStatusPages
{
    /// <summary>Serves the recorded fixture(s) at their own paths.</summary>
    public static FakeProviderServer AsStatusPage(this FakeProviderServer server, params string[] fixtures)
    {
        ArgumentNullException.ThrowIfNull(server);
        foreach (var fixture in fixtures.Select(StatusPageFixture.Load))
        {
            server.On("GET", fixture.Path, fixture.ToResponse());
        }

        return server;
    }

    /// <summary>Answers the summary with <paramref name="response"/> (garbage, a slow or broken page).</summary>
    public static FakeProviderServer AsBrokenStatusPage(this FakeProviderServer server, FakeResponse response)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.On("GET", "/api/v2/summary.json", response);
    }
}

using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

/// <summary>Small helpers shared by the provider tests.</summary>
internal static class ProbeTestKit
{
    /// <summary>The verdict of a list of findings: the first error, else the first finding.</summary>
    public static Finding Verdict(IReadOnlyList<Finding> findings) => findings.FirstOrDefault(f => f.IsError) ?? findings[0];

    public static ProbeResponse Response(int status, string body, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return new ProbeResponse(status, map, body, false, TimeSpan.FromMilliseconds(42));
    }

    public static ProbeContext Context(ProviderId provider, ProbeKind kind = ProbeKind.Auth, string? model = null, bool custom = false) =>
        new(provider, kind, model, custom);

    /// <summary>Bodies no classifier may throw on.</summary>
    public static TheoryData<int, string> GarbageBodies()
    {
        var junk = new string('\u00e9', 1024) + new string('x', ProbeResponse.MaxBodyChars - 1024);
        return new TheoryData<int, string>
        {
            { 200, "" },
            { 401, "" },
            { 500, "   \n" },
            { 401, "{" },
            { 401, "{\"error\":" },
            { 400, "{\"error\":{\"message\":\"API key not valid" },
            { 403, "<html><head><title>403 Forbidden</title></head><body>nginx</body></html>" },
            { 200, "<!DOCTYPE html><html><body>Sign in to continue</body></html>" },
            { 502, junk },
            { 200, junk },
            { 429, "null" },
            { 429, "[]" },
            { 429, "[{\"error\":{\"code\":429}}]" },
            { 401, "{\"error\":null}" },
            { 401, "{\"error\":42}" },
            { 403, "{\"error\":{\"details\":\"not a list\",\"message\":7}}" },
            { 400, "{\"error\":{\"details\":[1,\"x\",null,{\"violations\":\"no\"}]}}" },
            { 500, new string('[', 5000) },
            { 418, "\u0000\u0001\u0002binary\uFFFD" },
            { 0, "plain text" },
            { 999, "{\"type\":\"error\"}" },
        };
    }
}

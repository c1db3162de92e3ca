using ChatOpsBot.Tests.Cli;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// A mistyped setting or an unusable URL stops every verb before the host starts: exit 2, one line per bad setting
/// naming it and what it wants, never the value (it may be a secret).
/// </summary>
public sealed class SettingsCheckTests
{
    private static readonly string[] Diagnose = ["diagnose", "openai"];
    private static readonly string[] Chat = ["chat"];
    private static readonly string[] Worker = [];

    public static TheoryData<string, string, string, string> Mistyped => new()
    {
        { "diagnose", "Diagnostics__Timeout", "abcQz7x", "Diagnostics:Timeout must be a duration" },
        { "chat", "Access__UserKeyChecksPerHour", "1e3", "Access:UserKeyChecksPerHour must be a whole number" },
        { "worker", "Monitor__FailuresBeforeAlert", "abcQz7x", "Monitor:FailuresBeforeAlert must be a whole number" },
        { "worker", "Telegram__Mode", "fooQz7x", "Telegram:Mode must be one of: Polling, Webhook" },
        { "worker", "Monitor__Targets__0__Interval", "5minQz7x", "Monitor:Targets:0:Interval must be a duration" },
        { "worker", "Monitor__RecoveryNotices", "yesQz7x", "Monitor:RecoveryNotices must be true or false" },
        { "diagnose", "Network__EgressTimeout", "99999999999", "Network:EgressTimeout must be a duration" },
        { "diagnose", "Logging__LogLevel__Default", "LoudQz7x", "Logging:LogLevel:Default must be one of: Trace, Debug" },
        { "worker", "Discord__ApplicationId", "-1Qz7x", "Discord:ApplicationId must be a whole number" },
        { "worker", "Revocation__Enabled", "yesQz7x", "Revocation:Enabled must be true or false" },
    };

    public static TheoryData<string, string, string, string> BadUrls => new()
    {
        { "diagnose", "Providers__OpenAI__BaseUrl", "notaurlQz7x", "Providers:OpenAI:BaseUrl must be an absolute http(s) URL" },
        { "diagnose", "Providers__Gemini__BaseUrl", "ftp://xQz7x/", "Providers:Gemini:BaseUrl must be an absolute http(s) URL" },
        { "chat", "TeamKeys__0__BaseUrl", "gatewayQz7x:4000", "TeamKeys:0:BaseUrl must be an absolute http(s) URL" },
        { "worker", "Monitor__Targets__0__BaseUrl", "ftp://gwQz7x/", "Monitor:Targets:0:BaseUrl must be an absolute http(s) URL" },
        { "worker", "Discord__ApiBaseUrl", "discordQz7x", "Discord:ApiBaseUrl must be an absolute http(s) URL" },
        { "worker", "Discord__GatewayUrl", "https://gwQz7x/", "Discord:GatewayUrl must be an absolute ws(s) URL" },
        { "worker", "Telegram__ApiBaseUrl", "/relativeQz7x", "Telegram:ApiBaseUrl must be an absolute http(s) URL" },
        { "diagnose", "Network__EgressTraceUrls__OpenAI", "traceQz7x", "Network:EgressTraceUrls:OpenAI must be an absolute http(s) URL" },
        { "worker", "Revocation__Anthropic__BaseUrl", "adminQz7x", "Revocation:Anthropic:BaseUrl must be an absolute http(s) URL" },
        { "chat", "OPENAI_BASE_URL", "notaurlQz7x", "OPENAI_BASE_URL must be an absolute http(s) URL" },
        { "worker", "GEMINI_BASE_URL", "ftp://gQz7x/", "GEMINI_BASE_URL must be an absolute http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(Mistyped))]
    [MemberData(nameof(BadUrls))]
    public async Task AnyVerb_BadSetting_ExitTwoNamingItNeverTheValue(string verb, string variable, string value, string expected)
    {
        using var safety = SafetyNet();
        var result = await CliHarness.RunAsync(Args(verb), new Dictionary<string, string> { [variable] = value }, stdin: "exit\n", cancellationToken: safety.Token);

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.Error.Contains("chatopsbot: configuration error: " + expected, StringComparison.Ordinal), result.Error);
        Assert.DoesNotContain(value, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("chat")]
    [InlineData("worker")]
    public async Task AnyVerb_SeveralBadSettings_AllReportedAtOnce(string verb)
    {
        var env = new Dictionary<string, string>
        {
            ["Diagnostics__Timeout"] = "abc",
            ["Access__UserKeyChecksPerHour"] = "1e3",
            ["Monitor__FailuresBeforeAlert"] = "abc",
            ["Telegram__Mode"] = "foo",
            ["Providers__OpenAI__BaseUrl"] = "notaurl",
        };

        using var safety = SafetyNet();
        var result = await CliHarness.RunAsync(Args(verb), env, stdin: "exit\n", cancellationToken: safety.Token);

        Assert.Equal(2, result.ExitCode);
        foreach (var name in new[] { "Diagnostics:Timeout", "Access:UserKeyChecksPerHour", "Monitor:FailuresBeforeAlert", "Telegram:Mode", "Providers:OpenAI:BaseUrl" })
        {
            Assert.Contains("configuration error: " + name + " must be", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Diagnose_GoodSettings_RunAsBefore()
    {
        var env = new Dictionary<string, string>
        {
            ["Diagnostics__Timeout"] = "00:00:20",
            ["Access__UserKeyChecksPerHour"] = "7",
            ["Telegram__Mode"] = "webhook",
            ["Providers__OpenAI__BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Logging__LogLevel__Default"] = "warning",
        };

        var result = await CliHarness.RunAsync(["diagnose", "openai", "--json"], env);

        Assert.Equal(1, result.ExitCode); // no key: key.missing
        Assert.Contains("key.missing", result.Out, StringComparison.Ordinal);
    }

    /// <summary>A worker that starts runs until stopped: a safety net, not a sleep (each case here must stop it on its own).</summary>
    private static CancellationTokenSource SafetyNet()
    {
        var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(30));
        return safety;
    }

    private static string[] Args(string verb) => verb switch
    {
        "diagnose" => Diagnose,
        "chat" => Chat,
        _ => Worker,
    };
}

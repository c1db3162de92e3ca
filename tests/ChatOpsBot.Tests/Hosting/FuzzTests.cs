using System.Globalization;
using System.Text.Json;
using ChatOpsBot.Tests.Cli;
using CsCheck;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// Random values in every bound setting, and random command lines, through the real entry point. Invariants: nothing
/// escapes as an exception, the exit status is one of the documented ones (README §Exit codes), a rejected value is
/// never repeated, and <c>--json</c> output always parses. Small in CI; <c>CHATOPSBOT_FUZZ_ITERATIONS</c> runs longer.
/// Nothing leaves 127.0.0.1: every provider root points at the discard port and the egress trace is off.
/// </summary>
public sealed class FuzzTests
{
    private static readonly int[] Documented = [0, 1, 2];

    /// <summary>Every setting the app binds (one list item stands for each list).</summary>
    private static readonly string[] Settings =
    [
        "Diagnostics:Timeout", "Diagnostics:AttemptTimeout", "Diagnostics:RetryDelay",
        "Providers:OpenAI:BaseUrl", "Providers:Anthropic:BaseUrl", "Providers:Gemini:BaseUrl",
        "Network:Proxy", "Network:NoProxy", "Network:UseEnvironmentProxy", "Network:EgressTimeout", "Network:EgressTraceUrls:OpenAI",
        "Network:DnsServer", "Network:DnsTimeout", "Network:TryDirect", "Network:Ipv6Timeout",
        "TeamKeys:0:Name", "TeamKeys:0:Provider", "TeamKeys:0:KeyEnv", "TeamKeys:0:Model", "TeamKeys:0:BaseUrl",
        "Access:UserKeyChecksPerHour", "Access:Discord:RoleIds:0", "Access:Discord:UserIds:0", "Access:Telegram:UserIds:0",
        "Conversation:MaxKeysPerMessage", "Conversation:ResultRetention",
        "Storage:BusyTimeout",
        "Monitor:FailuresBeforeAlert", "Monitor:RenotifyEvery", "Monitor:RecoveryNotices", "Monitor:MaxConcurrency", "Monitor:FlapChanges",
        "Monitor:FlapWindow", "Monitor:QuietHours:Start", "Monitor:QuietHours:End", "Monitor:QuietHours:TimeZone", "Monitor:HistoryRetention",
        "Monitor:DeliveryRetryMin", "Monitor:DeliveryRetryMax", "Monitor:BlockedRetryEvery",
        "Monitor:Targets:0:Interval", "Monitor:Targets:0:Deep", "Monitor:Targets:0:Destinations:0", "Monitor:Targets:0:BaseUrl",
        "Discord:ApiBaseUrl", "Discord:GatewayUrl", "Discord:Intents", "Discord:ShardId", "Discord:ShardIds", "Discord:ShardCount", "Discord:ApplicationId",
        "Discord:DevelopmentGuildId", "Discord:ReconnectBackoffCap", "Discord:RestTimeout", "Discord:EditInterval",
        "Telegram:ApiBaseUrl", "Telegram:Mode", "Telegram:WebhookUrl", "Telegram:WebhookPath", "Telegram:PollTimeout",
        "Telegram:RequestTimeout", "Telegram:AllowedUpdates:0", "Telegram:MaxRetryAfter", "Telegram:MaxRetries",
        "Telegram:InitialBackoff", "Telegram:MaxBackoff",
        "Http:Urls", "Discord:PublicKey", "Discord:UseGateway", "Discord:InteractionMaxAge", "Discord:InteractionAnswerWithin",
        "Logging:LogLevel:Default", "Logging:Console:LogToStandardErrorThreshold",
    ];

    /// <summary>Values that are almost right, or wrong in an interesting way, besides random text.</summary>
    private static readonly string[] Tricky =
    [
        "", " ", "NaN", "Infinity", "-0", "1e3", "1e400", "99999999999999999999", "-1", "0", "00:00:00", "-00:00:01",
        "10675199.02:48:05.4775808", "true", "yes", "notaurl", "ftp://x/", "http://:0", "/relative", "http://127.0.0.1:9/", "ws://127.0.0.1:9",
        "polling", "webhook", "Trace", "none", "null", "{}", "[]", "\u0000", "ü", "sk-proj-" + new string('A', 40),
    ];

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static int Iterations(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("CHATOPSBOT_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ci;

    private static readonly Gen<string> Values = Gen.Frequency(
        (2, Pick(Tricky)),
        (3, Gen.String[Gen.Char[" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ü…"], 1, 40]),
        (1, Gen.String));

    [Theory]
    [InlineData("diagnose")]
    [InlineData("chat")]
    [InlineData("worker")]
    public async Task AnyVerb_RandomValueInAnySetting_NoCrashDocumentedExitNoEcho(string verb)
    {
        await Gen.Select(Pick(Settings), Values).SampleAsync(async sample =>
        {
            var (setting, value) = sample;
            var env = SafeEnvironment();
            env[setting.Replace(":", "__", StringComparison.Ordinal)] = value;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            if (verb == "worker")
            {
                await stop.CancelAsync(); // settings are checked and validated, then Ctrl-C before anything starts
            }

            string[] args = verb switch { "diagnose" => ["diagnose", "openai", "--json"], "chat" => ["chat"], _ => [] };
            var result = await CliHarness.RunAsync(args, env, stdin: "exit\n", cancellationToken: stop.Token);

            Assert.Contains(result.ExitCode, Documented);
            // A value made only of digits and separators ("00:00:00") cannot be a key, and may stand in the rule's own
            // text ("between 00:00:00.1 and …"): the no-echo rule is for everything else.
            if (result.ExitCode == 2 && value.Trim().Length >= 6 && !value.Trim().All(c => char.IsAsciiDigit(c) || c is ':' or '.' or '-' or '+'))
            {
                Assert.DoesNotContain(value.Trim(), result.All, StringComparison.Ordinal);
            }

            if (verb == "diagnose" && result.ExitCode != 2)
            {
                using var _ = JsonDocument.Parse(result.Out);
            }
        }, iter: Iterations(15), threads: 1);
    }

    private static readonly string[] Options =
        ["--json", "--deep", "--key-stdin", "--key-env", "--base-url", "--model", "--timeout", "--key", "--help", "-h", "--", "-", "--timeout=", "--base-url="];

    private static readonly Gen<string> Words = Gen.Frequency(
        (4, Pick(Options)),
        (3, Pick("openai", "anthropic", "gemini", "all", "claude", "google", "chatgpt", "midjourney", "cohere")),
        (2, Pick("NaN", "1e400", "-0", "15", "0.05", "600", "http://127.0.0.1:9/v1", "ftp://x", "OPENAI_API_KEY", "sk-proj-" + new string('B', 30))),
        (2, Gen.String[Gen.Char[" -=:/._0123456789abcdefghijklmnopqrstuvwxyzABCXYZ…ü"], 0, 24]));

    [Fact]
    public async Task Diagnose_RandomArguments_NoCrashDocumentedExitJsonParses()
    {
        await Gen.Select(Words.Array[0, 6], Pick("", "sk-proj-abc", "AIza" + new string('C', 35) + "\n")).SampleAsync(async sample =>
        {
            var (words, stdin) = sample;
            string[] args = ["diagnose", .. words];

            var result = await CliHarness.RunAsync(args, SafeEnvironment(), stdin: stdin);

            Assert.Contains(result.ExitCode, Documented);
            if (args.Contains("--json") && result.ExitCode != 2 && !args.Contains("--help") && !args.Contains("-h"))
            {
                using var _ = JsonDocument.Parse(result.Out);
            }

            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal); // no stack trace
        }, iter: Iterations(40), threads: 1);
    }

    /// <summary>Every provider root on the discard port of 127.0.0.1, no egress trace, no proxy: nothing leaves the machine.</summary>
    private static Dictionary<string, string> SafeEnvironment() => new()
    {
        ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1",
        ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9",
        ["GEMINI_BASE_URL"] = "http://127.0.0.1:9",
        ["Providers__OpenAI__BaseUrl"] = "http://127.0.0.1:9/v1",
        ["Providers__Anthropic__BaseUrl"] = "http://127.0.0.1:9",
        ["Providers__Gemini__BaseUrl"] = "http://127.0.0.1:9",
        ["Network__CheckEgress"] = "false",
        ["Network__UseEnvironmentProxy"] = "false",
        ["Diagnostics__Timeout"] = "00:00:05",
        ["CHATOPSBOT_SECRETS_DIR"] = "/nonexistent-chatopsbot-secrets",
    };
}

using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Discord.Tests.Alerts;

/// <summary>Alerts shaped as the monitor sends them: target, verdict with code, since when, what changed, evidence, next steps, re-run.</summary>
internal static class AlertSamples
{
    /// <summary>The key the alert is about: only its shown form may appear anywhere.</summary>
    public static readonly string Key = TestKeys.Gemini(new Random(6));

    public static Reply Failing(ReplySeverity severity = ReplySeverity.Error, string code = "auth.invalid_key") => new()
    {
        Kind = ReplyKind.Alert,
        Visibility = ReplyVisibility.Public,
        Text = "🔴 prod-gemini is failing since 02:13 UTC: The key was rejected (was: ok).",
        Cards =
        [
            new VerdictCard
            {
                Provider = ReplyBuilder.ProviderOf(ProviderId.Gemini),
                Verdict = new ReplyVerdict(code, severity, "The key was rejected"),
                KeyName = "prod-gemini",
                KeyShown = KeyMask.Show(Key),
                Detail = "Gemini answered 400 API_KEY_INVALID <since 02:13 UTC> & still failing (2 checks in a row).",
                Fields = [new ReplyField("status", "400"), new ReplyField("request id", "req_7f3a"), new ReplyField("rate-limit headroom", "59/60")],
                NextSteps = ["Check the key in Google AI Studio.", "Re-run: /diagnose gemini prod-gemini"],
            },
        ],
    };

    public static Reply Recovered() => new()
    {
        Kind = ReplyKind.Recovery,
        Visibility = ReplyVisibility.Public,
        Text = "🟢 prod-gemini works again (failed for 42 min).",
        Cards =
        [
            new VerdictCard
            {
                Provider = ReplyBuilder.ProviderOf(ProviderId.Gemini),
                Verdict = new ReplyVerdict(VerdictCodes.Ok, ReplySeverity.Ok, "The key works"),
                KeyName = "prod-gemini",
                KeyShown = KeyMask.Show(Key),
                Detail = "Gemini answered 200.",
            },
        ],
    };

    public static ReplyImage Chart() => new("status.png", TestImages.Png1x1, "Availability of prod-gemini over 24 hours");
}

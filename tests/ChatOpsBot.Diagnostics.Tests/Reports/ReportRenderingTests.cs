using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Tests.Reports;

public sealed class ReportRenderingTests
{
    private static DiagnosisReport Sample()
    {
        var failure = Finding.Create(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, ProviderId.OpenAI,
            "OpenAI said: Incorrect API key provided.", new JsonObject { ["status"] = 401, ["request_id"] = "req_1", ["first_byte_ms"] = 180L }) with { FromProviderAnswer = true };
        var dns = Finding.Pass(DiagnosticStage.Network, "DNS resolved", "", new JsonObject { ["dns_ms"] = 3L, ["connect_ms"] = 12L });
        var openai = new ProviderReport(ProviderId.OpenAI, failure, "sk-proj-…a1b2", "0badc0de", TimeSpan.FromMilliseconds(412), [dns, failure], true);
        var ok = Finding.Pass(DiagnosticStage.Auth, "Works");
        var gemini = new ProviderReport(ProviderId.Gemini, ok, "AIza…x1y2", "12345678", TimeSpan.FromMilliseconds(230), [ok], true);
        return new DiagnosisReport([openai, gemini], TimeSpan.FromMilliseconds(420));
    }

    [Fact]
    public void Json_HasTheContractFieldsInSnakeCase()
    {
        using var json = JsonDocument.Parse(JsonReport.Serialize(Sample()));

        var p = json.RootElement.GetProperty("providers")[0];
        Assert.Equal("openai", p.GetProperty("provider").GetString());
        Assert.Equal("auth.invalid_key", p.GetProperty("verdict").GetString());
        Assert.Equal("error", p.GetProperty("severity").GetString());
        Assert.Equal("sk-proj-…a1b2", p.GetProperty("key").GetString());
        Assert.Equal(412, p.GetProperty("elapsed_ms").GetInt64());
        var f = p.GetProperty("findings")[1];
        Assert.Equal("auth", f.GetProperty("stage").GetString());
        Assert.Equal(401, f.GetProperty("evidence").GetProperty("status").GetInt32());
        Assert.True(f.GetProperty("next_steps").GetArrayLength() > 0);
    }

    [Fact]
    public void Text_OneVerdictLinePerProviderThenDetailsWithCodes()
    {
        using var writer = new StringWriter();

        TextReport.Write(Sample(), writer, color: false);

        var lines = writer.ToString().Split('\n');
        Assert.StartsWith("✗ openai", lines[0], StringComparison.Ordinal);
        Assert.Contains("(code: auth.invalid_key)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("✓ gemini", lines[1], StringComparison.Ordinal);
        Assert.Contains("(code: ok)", lines[1], StringComparison.Ordinal);
        Assert.Contains("timing: dns 3 ms · connect 12 ms · first byte 180 ms", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("1. Check the key exists", writer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_VerdictLines_LineUpWhateverTheProviderNamesLength()
    {
        var ok = Finding.Pass(DiagnosticStage.Auth, "Works");
        var report = new DiagnosisReport(
            [
                new ProviderReport(ProviderId.OpenAI, ok, null, null, TimeSpan.FromMilliseconds(10), [ok], true),
                new ProviderReport(ProviderId.OpenAICompatible, ok, null, null, TimeSpan.FromMilliseconds(10), [ok], true),
                new ProviderReport(ProviderId.Groq, ok, null, null, TimeSpan.FromMilliseconds(10), [ok], true),
            ],
            TimeSpan.FromMilliseconds(20));
        using var writer = new StringWriter();

        TextReport.Write(report, writer, color: false);

        var titles = writer.ToString().Split('\n').Take(3).Select(l => l.IndexOf("Works", StringComparison.Ordinal)).ToList();
        Assert.All(titles, t => Assert.Equal(titles[0], t));
        Assert.Equal("✓ openai-compatible Works".Length - "Works".Length, titles[0]);
    }
}

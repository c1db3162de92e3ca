using System.Text;
using ChatOpsBot.Diagnostics.Keys;
using CsCheck;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>Fake keys of every recognised format, built from the formats' documented shapes.</summary>
public static class FakeKeys
{
    public const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const string Base64Url = Alnum + "-_";
    public const string Hex = "0123456789abcdef";
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static IReadOnlyList<FakeKeyFormat> Formats { get; } =
    [
        new("openai-project", KeyPlatform.OpenAI, "sk-proj-", false, r => "sk-proj-" + S(r, Base64Url, 74) + "T3BlbkFJ" + S(r, Base64Url, 74)),
        new("openai-svcacct", KeyPlatform.OpenAI, "sk-svcacct-", false, r => "sk-svcacct-" + S(r, Base64Url, 74) + "T3BlbkFJ" + S(r, Base64Url, 74)),
        new("openai-admin", KeyPlatform.OpenAI, "sk-admin-", true, r => "sk-admin-" + S(r, Base64Url, 58) + "T3BlbkFJ" + S(r, Base64Url, 58)),
        new("openai-none", KeyPlatform.OpenAI, "sk-None-", false, r => "sk-None-" + S(r, Base64Url, 58) + "T3BlbkFJ" + S(r, Base64Url, 58)),
        new("openai-legacy", KeyPlatform.OpenAI, "sk-", false, r => "sk-" + S(r, Alnum, 20) + "T3BlbkFJ" + S(r, Alnum, 20)),
        new("anthropic", KeyPlatform.Anthropic, "sk-ant-api03-", false, r => "sk-ant-api03-" + S(r, Base64Url, 93) + "AA"),
        new("anthropic-admin", KeyPlatform.Anthropic, "sk-ant-admin01-", true, r => "sk-ant-admin01-" + S(r, Base64Url, 93) + "AA"),
        new("google", KeyPlatform.Google, "AIza", false, r => "AIzaSy" + S(r, Base64Url, 33)),
        new("google-auth", KeyPlatform.Google, "AQ.", false, r => "AQ.Ab" + S(r, Base64Url, 60)),
        new("xai", KeyPlatform.XAI, "xai-", false, r => "xai-" + S(r, Alnum, 80)),
        new("openrouter", KeyPlatform.OpenRouter, "sk-or-v1-", false, r => "sk-or-v1-" + S(r, Hex, 64)),
        new("groq", KeyPlatform.Groq, "gsk_", false, r => "gsk_" + S(r, Alnum, 52)),
        new("deepseek", KeyPlatform.DeepSeek, "sk-", false, r => "sk-" + S(r, Hex, 32)),
        new("huggingface", KeyPlatform.HuggingFace, "hf_", false, r => "hf_" + S(r, Alnum, 34)),
        new("perplexity", KeyPlatform.Perplexity, "pplx-", false, r => "pplx-" + S(r, Alnum, 48)),
        new("replicate", KeyPlatform.Replicate, "r8_", false, r => "r8_" + S(r, Alnum, 37)),
        new("aws", KeyPlatform.AwsAccessKey, "AKIA", false, r => "AKIA" + S(r, Upper, 16)),
        new("github-classic", KeyPlatform.GitHubToken, "ghp_", false, r => "ghp_" + S(r, Alnum, 36)),
        new("github-fine-grained", KeyPlatform.GitHubToken, "github_pat_", false, r => "github_pat_" + S(r, Alnum, 22) + "_" + S(r, Alnum, 59)),
        new("slack-bot", KeyPlatform.SlackToken, "xoxb-", false, r => $"xoxb-{S(r, "123456789", 12)}-{S(r, "123456789", 13)}-{S(r, Alnum, 24)}"),
        new("telegram", KeyPlatform.TelegramBotToken, "", false, r => S(r, "123456789", 1) + S(r, "0123456789", 9) + ":AA" + S(r, Base64Url, 33)),
        new("discord", KeyPlatform.DiscordBotToken, "", false, Discord),
    ];

    /// <summary>One fake of <paramref name="name"/>, the same for the same seed.</summary>
    public static string Make(string name, int seed = 1) => Formats.Single(f => f.Name == name).Make(new Random(seed));

    /// <summary>A fake with its last four characters set, for shown-form assertions.</summary>
    public static string EndingWith(string name, string lastFour) => Make(name)[..^4] + lastFour;

    /// <summary>Windows of <paramref name="length"/> characters of <paramref name="key"/> that hold secret material (not only the public prefix).</summary>
    public static IEnumerable<string> SecretWindows(string key, string prefix, int length = 12)
    {
        for (var i = Math.Max(0, prefix.Length - length + 1); i + length <= key.Length; i++)
        {
            yield return key.Substring(i, length);
        }
    }

    private static string Discord(Random r)
    {
        var id = S(r, "123456789", 1) + S(r, "0123456789", 17 + r.Next(2));
        var first = Convert.ToBase64String(Encoding.ASCII.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{first}.{S(r, Base64Url, 6)}.{S(r, Base64Url, 38)}";
    }

    private static string S(Random r, string alphabet, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = alphabet[r.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}

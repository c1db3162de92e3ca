using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Testing;

/// <summary>
/// Fake keys of each provider's real shape (never real keys): OpenAI project keys are <c>sk-proj-</c> + 156
/// characters, legacy keys <c>sk-</c> + 20 + <c>T3BlbkFJ</c> + 20; Anthropic <c>sk-ant-api03-</c> + 93 + <c>AA</c>;
/// Google <c>AIza</c> + 35.
/// </summary>
public static class TestKeys
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UrlSafe = Alnum + "-_";

    public static string OpenAIProject(Random? random = null) => "sk-proj-" + Chars(random, UrlSafe, 156);

    public static string OpenAILegacy(Random? random = null) => "sk-" + Chars(random, Alnum, 20) + "T3BlbkFJ" + Chars(random, Alnum, 20);

    public static string Anthropic(Random? random = null) => "sk-ant-api03-" + Chars(random, UrlSafe, 93) + "AA";

    public static string Gemini(Random? random = null) => "AIza" + Chars(random, UrlSafe, 35);

    public static string For(string provider, Random? random = null) => provider switch
    {
        "openai" => OpenAIProject(random),
        "anthropic" => Anthropic(random),
        "gemini" => Gemini(random),
        _ => FromShape(provider, random),
    };

    /// <summary>
    /// A well-formed key of <paramref name="provider"/>'s first (non-admin) key shape, for a provider with no maker
    /// above; a provider whose keys have no shape gets an sk- key of no known format, as gateways issue.
    /// </summary>
    public static string FromShape(string provider, Random? random = null)
    {
        var descriptor = ProviderRegistry.FindByWire(provider) ?? throw new ArgumentOutOfRangeException(nameof(provider));
        if (descriptor.KeyShapes.FirstOrDefault(r => !r.Shape.IsAdminKey) is not { } rule)
        {
            return "sk-gw-" + Chars(random, Alnum, 40);
        }

        var alphabet = new string([.. (UrlSafe + ".").Where(c => KeyShapes.IsBodyChar(c, rule.Body))]);
        var suffix = rule.Suffix ?? "";
        var key = rule.Prefix + Chars(random, alphabet, rule.MinBody - suffix.Length) + suffix;
        return KeyShapes.IsWellFormed(key) ? key : throw new InvalidOperationException($"No well-formed key of {provider} could be made from its first shape.");
    }

    private static string Chars(Random? random, string alphabet, int length)
    {
        var r = random ?? Random.Shared;
        return string.Create(length, (r, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.r.Next(state.alphabet.Length)];
            }
        });
    }
}

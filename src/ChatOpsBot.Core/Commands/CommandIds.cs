using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Every stable id the conversation layer and the adapters share: command and option names, provider words, and the
/// custom ids of buttons and modals. Platforms register these names; changing one breaks registered commands and
/// buttons on messages already sent.
/// </summary>
public static class CommandIds
{
    public const string Diagnose = "diagnose";
    public const string Status = "status";
    public const string Help = "help";
    public const string Keys = "keys";
    public const string Alerts = "alerts";

    /// <summary>Telegram's first message to a bot; answered with help.</summary>
    public const string Start = "start";

    /// <summary>Option names of <c>/diagnose</c> (<c>provider:gemini</c>, <c>model:…</c>, <c>deep:true</c>, <c>key:prod</c>).</summary>
    public const string ProviderOption = "provider";
    public const string ModelOption = "model";
    public const string DeepOption = "deep";
    public const string KeyOption = "key";

    /// <summary>
    /// <c>/alerts</c>: the subcommand arrives as the option <see cref="ActionOption"/> (Discord's subcommand name; the
    /// first word after <c>/alerts</c> in text), its arguments as <see cref="TargetOption"/> and <see cref="DurationOption"/>.
    /// </summary>
    public const string ActionOption = "action";
    public const string TargetOption = "target";
    public const string DurationOption = "duration";

    /// <summary>The subcommands of <c>/alerts</c>.</summary>
    public const string AlertsList = "list";
    public const string AlertsSubscribe = "subscribe";
    public const string AlertsUnsubscribe = "unsubscribe";
    public const string AlertsMute = "mute";
    public const string AlertsUnmute = "unmute";
    public const string AlertsTest = "test";

    /// <summary>The provider words that are not a registered provider's wire name (those come from its descriptor).</summary>
    public const string Midjourney = "midjourney";
    public const string All = "all";

    /// <summary>
    /// Choices for a <c>provider</c> option, in the order platforms show them: every registered provider, then
    /// Midjourney and all. Discord allows 25 choices per option.
    /// </summary>
    public static IReadOnlyList<string> ProviderChoices { get; } = [.. ProviderRegistry.Descriptors.Select(d => d.Wire), Midjourney, All];

    /// <summary>Button custom id prefixes; the part after the colon is an opaque token or a provider word.</summary>
    public const string RerunPrefix = "rerun:";
    public const string DetailsPrefix = "details:";
    public const string EnterKeyPrefix = "enter-key:";

    /// <summary>The private key-entry modal (<c>key-modal:&lt;provider&gt;</c>) and its one text input.</summary>
    public const string KeyModalPrefix = "key-modal:";
    public const string KeyModalInput = "key";

    public static string Rerun(string token) => RerunPrefix + token;

    public static string Details(string token) => DetailsPrefix + token;

    public static string EnterKey(string providerWord) => EnterKeyPrefix + providerWord;

    public static string KeyModal(string providerWord) => KeyModalPrefix + providerWord;

    /// <summary>Whether <paramref name="customId"/> is one of the bot's buttons (Re-run, Details, Enter key privately).</summary>
    public static bool IsButton(string? customId) => customId is not null
        && (customId.StartsWith(RerunPrefix, StringComparison.Ordinal)
            || customId.StartsWith(DetailsPrefix, StringComparison.Ordinal)
            || customId.StartsWith(EnterKeyPrefix, StringComparison.Ordinal));
}

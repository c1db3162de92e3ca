using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Revocation;
using ChatOpsBot.Discord;
using ChatOpsBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ChatOpsBot.Hosting;

/// <summary>
/// Checks every setting before the host is built, for every verb: each value binds to its property's type (the
/// binder's own exception would crash the verb and quote the value), and each URL setting is an absolute URL of the
/// scheme it needs. Every problem at once, each naming its setting and what it wants; never the value (it may be a
/// secret).
/// </summary>
public static class SettingsCheck
{
    /// <summary>Every bound section and the type it binds to.</summary>
    private static readonly (string Section, Type Type)[] Sections =
    [
        (EngineOptions.SectionName, typeof(EngineOptions)),
        (ProviderBaseUrls.SectionName, typeof(ProviderBaseUrls)),
        (NetworkOptions.SectionName, typeof(NetworkOptions)),
        (TeamKeysOptions.SectionName, typeof(List<TeamKeySettings>)),
        (AccessOptions.SectionName, typeof(AccessOptions)),
        (ConversationOptions.SectionName, typeof(ConversationOptions)),
        (MonitorOptions.SectionName, typeof(MonitorOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (DiscordOptions.SectionName, typeof(DiscordOptions)),
        (TelegramOptions.SectionName, typeof(TelegramOptions)),
        (RevocationOptions.SectionName, typeof(RevocationOptions)),
        ("Logging:Console", typeof(ConsoleLoggerOptions)),
        ("Logging:Console:FormatterOptions", typeof(SimpleConsoleFormatterOptions)),
    ];

    /// <summary>URL settings (<c>*</c> is one path segment) and the schemes each accepts.</summary>
    private static readonly (string Pattern, string[] Schemes)[] UrlSettings =
    [
        ("Providers:*:BaseUrl", ["http", "https"]),
        ("TeamKeys:*:BaseUrl", ["http", "https"]),
        ("Monitor:Targets:*:BaseUrl", ["http", "https"]),
        ("Discord:ApiBaseUrl", ["http", "https"]),
        ("Discord:GatewayUrl", ["ws", "wss"]),
        ("Telegram:ApiBaseUrl", ["http", "https"]),
        ("Telegram:WebhookUrl", ["http", "https"]),
        ("Network:EgressTraceUrls:*", ["http", "https"]),
        ("Revocation:*:BaseUrl", ["http", "https"]),
    ];

    /// <summary>The problems of <paramref name="configuration"/>, one sentence each; empty when all is well.</summary>
    /// <remarks>
    /// The walk reads the public properties of the option types by reflection. A trimmed or native build keeps them
    /// only when told: every class a setting path can land on is listed here (a test walks the types and fails when one
    /// is missing).
    /// </remarks>
    /// <param name="configuration">The settings.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="baseUrlVariables">Also check the providers' <c>*_BASE_URL</c> variables (the chat and the worker
    /// read them; <c>diagnose</c> checks the one it uses, as a usage error).</param>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(EngineOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ProviderBaseUrls))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ProviderEndpoint))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(NetworkOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TeamKeySettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(AccessOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(DiscordAccess))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TelegramAccess))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ConversationOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(MonitorOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(MonitorTargetSettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(QuietHoursSettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(StorageOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(DiscordOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TelegramOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(RevocationOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(RevocationProviderOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ConsoleLoggerOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(SimpleConsoleFormatterOptions))]
    public static IReadOnlyList<string> Check(IConfiguration configuration, Func<string, string?> environment, bool baseUrlVariables)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var failures = new List<string>();
        foreach (var (section, type) in Sections)
        {
            foreach (var (relative, value) in configuration.GetSection(section).AsEnumerable(makePathsRelative: true))
            {
                if (value is null || relative.Length == 0)
                {
                    continue;
                }

                var path = section + ConfigurationPath.KeyDelimiter + relative;
                var target = Resolve(type, relative.Split(ConfigurationPath.KeyDelimiter));
                if (target is not null && !Converts(target, value))
                {
                    failures.Add($"{Name(configuration, path)} must be {Describe(target)}.");
                }
            }
        }

        foreach (var (path, value) in configuration.GetSection("Logging").AsEnumerable())
        {
            var segments = path.Split(ConfigurationPath.KeyDelimiter);
            var isLevel = segments.Length >= 3 && (segments[1].Equals("LogLevel", StringComparison.OrdinalIgnoreCase)
                || (segments.Length >= 4 && segments[2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase)));
            if (isLevel && !string.IsNullOrEmpty(value) && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
            {
                failures.Add($"{path} must be {Describe(typeof(LogLevel))}.");
            }
        }

        foreach (var (path, value) in configuration.AsEnumerable())
        {
            if (!string.IsNullOrWhiteSpace(value) && UrlSettings.FirstOrDefault(u => Matches(u.Pattern, path)) is { Schemes: { } schemes }
                && !IsUrl(value, schemes))
            {
                failures.Add($"{path} must be {UrlWanted(schemes)}.");
            }
        }

        if (baseUrlVariables)
        {
            foreach (var provider in ProviderCatalog.All)
            {
                var variable = provider.BaseUrlEnvironmentVariable();
                if (environment(variable) is { Length: > 0 } value && !IsUrl(value, ["http", "https"]))
                {
                    failures.Add($"{variable} must be {UrlWanted(["http", "https"])}.");
                }
            }
        }

        try
        {
            // The proxy settings (Network:Proxy, Network:NoProxy, HTTPS_PROXY...) make a route, or say why not.
            _ = new ProxyRoute(configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions(), environment);
        }
        catch (ProxyConfigurationException ex)
        {
            failures.Add(ex.Message); // names the setting, never its value
        }
        catch (InvalidOperationException)
        {
            // A Network setting that does not bind: reported above.
        }

        return [.. failures.Distinct(StringComparer.Ordinal)];
    }

    private static string UrlWanted(string[] schemes) => schemes[0] == "ws"
        ? "an absolute ws(s) URL, such as wss://gateway.discord.gg"
        : "an absolute http(s) URL, such as https://api.openai.com or http://127.0.0.1:4000/v1";

    private static bool IsUrl(string value, string[] schemes) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && !string.IsNullOrEmpty(uri.Host);

    private static bool Matches(string pattern, string path)
    {
        var p = pattern.Split(ConfigurationPath.KeyDelimiter);
        var s = path.Split(ConfigurationPath.KeyDelimiter);
        return p.Length == s.Length && p.Zip(s).All(x => x.First == "*" || x.First.Equals(x.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The path as the configuration spells it (keys keep the case they were given in).</summary>
    private static string Name(IConfiguration configuration, string path) =>
        configuration.GetSection(path).Path;

    /// <summary>
    /// Converts the value alone, as the configuration binder's source generator parses that type (invariant culture):
    /// binding the whole section would not do, since the binder silently drops a list item that fails (a monitor target
    /// with a mistyped interval would just vanish).
    /// </summary>
    internal static bool Converts(Type target, string value)
    {
        target = Nullable.GetUnderlyingType(target) ?? target;
        var invariant = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target.IsEnum => Enum.TryParse(target, value, ignoreCase: true, out _),
            _ when target == typeof(string) => true,
            _ when target == typeof(bool) => bool.TryParse(value, out _),
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(short) => short.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(byte) => byte.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(uint) => uint.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(ulong) => ulong.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(ushort) => ushort.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when target == typeof(float) => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when target == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when target == typeof(TimeSpan) => TimeSpan.TryParse(value, invariant, out _),
            _ when target == typeof(Uri) => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
            _ when target == typeof(Guid) => Guid.TryParse(value, out _),
            _ when target == typeof(DateTime) => DateTime.TryParse(value, invariant, out _),
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, invariant, out _),
            _ when target == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, out _),
            _ when target == typeof(DateOnly) => DateOnly.TryParse(value, invariant, out _),
            _ => true, // a value on a section: the binder ignores it
        };
    }

    /// <summary>The type a setting path lands on, as the binder walks it; null when the binder ignores the path.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The option types' public properties are kept by the DynamicDependency attributes on Check.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The option types' public properties are kept by the DynamicDependency attributes on Check.")]
    private static Type? Resolve(Type type, ReadOnlySpan<string> segments)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (segments.IsEmpty)
        {
            return type;
        }

        if (IsSimple(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return Resolve(type.GetElementType()!, segments[1..]);
        }

        for (var t = type; t is not null; t = t.BaseType) // a class may derive from Dictionary<,> or List<>
        {
            if (t.IsGenericType && ElementOf(t.GetGenericTypeDefinition()) is { } index)
            {
                return Resolve(t.GetGenericArguments()[index], segments[1..]);
            }
        }

        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetMethod is { IsPublic: true } ? Resolve(property.PropertyType, segments[1..]) : null;
    }

    /// <summary>For the collections the options use: which generic argument a path segment below it lands on.</summary>
    private static int? ElementOf(Type definition) => definition switch
    {
        _ when definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) => 1,
        _ when definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>) || definition == typeof(IEnumerable<>)
            || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(HashSet<>) || definition == typeof(ISet<>) => 0,
        _ => null,
    };

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeOnly) || type == typeof(DateOnly);

    /// <summary>What a setting of <paramref name="type"/> wants, in words.</summary>
    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(type));
        }

        return type switch
        {
            _ when type == typeof(TimeSpan) => "a duration such as 00:00:30 (hh:mm:ss, or d.hh:mm:ss)",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "a whole number",
            _ when type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) => "a whole number (0 or more)",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(Uri) => "a URL",
            _ => "a value of type " + type.Name,
        };
    }
}

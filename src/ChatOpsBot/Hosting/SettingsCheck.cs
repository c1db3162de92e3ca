using System.Collections;
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
    /// <param name="configuration">The settings.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="baseUrlVariables">Also check the providers' <c>*_BASE_URL</c> variables (the chat and the worker
    /// read them; <c>diagnose</c> checks the one it uses, as a usage error).</param>
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
    /// Converts the value with the binder's own conversion, alone: binding the whole section would not do, since the
    /// binder silently drops a list item that fails (a monitor target with a mistyped interval would just vanish).
    /// </summary>
    private static bool Converts(Type target, string value)
    {
        if (!IsSimple(Nullable.GetUnderlyingType(target) ?? target))
        {
            return true; // a value on a section: the binder ignores it
        }

        var alone = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>("v", value)]).Build();
        try
        {
            _ = alone.GetValue(target, "v");
            return true;
        }
#pragma warning disable CA1031 // a boundary: any failure of the conversion is a bad value, and its message quotes it
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>The type a setting path lands on, as the binder walks it; null when the binder ignores the path.</summary>
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

        var dictionary = GenericArgumentsOf(type, typeof(IDictionary<,>)) ?? GenericArgumentsOf(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return Resolve(dictionary[1], segments[1..]);
        }

        var element = GenericArgumentsOf(type, typeof(IEnumerable<>));
        if (element is not null && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return Resolve(element[0], segments[1..]);
        }

        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetMethod is { IsPublic: true } ? Resolve(property.PropertyType, segments[1..]) : null;
    }

    private static Type[]? GenericArgumentsOf(Type type, Type generic)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments();
    }

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

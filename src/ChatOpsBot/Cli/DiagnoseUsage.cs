using System.Text;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Cli;

/// <summary>The text of <c>chatopsbot diagnose --help</c>, its provider table read from <see cref="ProviderRegistry"/>.</summary>
public static class DiagnoseUsage
{
    /// <summary>The usage text of <c>diagnose</c>.</summary>
    public static string Build() => Build(ProviderRegistry.Descriptors);

    /// <summary>The usage text of <c>diagnose</c> for <paramref name="descriptors"/>.</summary>
    public static string Build(IReadOnlyList<ProviderDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var names = descriptors.Select(d => d.Aliases.Count == 0 ? d.Wire : $"{d.Wire} (alias {string.Join(", ", d.Aliases)})").ToList();
        var width = names.Append("all").Max(n => n.Length) + 2;
        var text = new StringBuilder();
        text.Append("Usage: chatopsbot diagnose <provider|all> [options]\n\n");
        text.Append("Providers (key variable; base URL variable):\n");
        for (var i = 0; i < descriptors.Count; i++)
        {
            var d = descriptors[i];
            var baseUrl = d.BaseUrlRequired ? $"{d.BaseUrlVariable} (required)" : d.BaseUrlVariable;
            text.Append("  ").Append(names[i].PadRight(width)).Append(string.Join(" or ", d.KeyVariables)).Append("; ").Append(baseUrl).Append('\n');
        }

        var fallback = string.Join(", ", AllProviders.WhenNoKeyIsSet.Select(p => p.Wire()));
        text.Append("  ").Append("all".PadRight(width)).Append("every provider whose key variable is set (none set: ").Append(fallback).Append(")\n");
        text.Append("""

            Options:
              --key-env NAME      read the key from this environment variable
                                  (default: the provider's key variable above)
              --key-stdin         read the key from standard input
              --base-url URL      the provider's API root, e.g. a gateway or a local fake
              --model NAME        also check access to this model
              --deep              also send a 1-token request (may cost a tiny amount)
              --timeout SECONDS   the deadline of the whole diagnosis (default 15)
              --json              machine-readable output on stdout

            For all: each provider's base URL variable above moves its root.
            """);
        var needBaseUrl = descriptors.Where(d => d.JoinsAllOnlyWithBaseUrl).Select(d => $"{d.Wire} only when {d.BaseUrlVariable} is set").ToList();
        if (needBaseUrl.Count > 0)
        {
            text.Append("\nall takes ").Append(string.Join(", ", needBaseUrl)).Append('.');
        }

        text.Append("""

            A key is never taken from the command line itself.
            Exit status: 0 every provider ok, 1 any verdict is an error, 2 bad usage.
            """);
        return text.ToString();
    }
}

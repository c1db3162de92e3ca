using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Providers;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.TeamKeys;

/// <summary>Checks every team key at start and reports every problem at once, each naming its setting.</summary>
public sealed class TeamKeysOptionsValidator : IValidateOptions<TeamKeysOptions>
{
    /// <summary>Every registered provider's name, with its aliases ("openai (chatgpt), anthropic (claude), …").</summary>
    private static readonly string ProviderNames = string.Join(", ", ProviderRegistry.Descriptors
        .Select(d => d.Aliases.Count == 0 ? d.Wire : $"{d.Wire} ({string.Join(", ", d.Aliases)})"));

    public ValidateOptionsResult Validate(string? name, TeamKeysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, s) in options.Entries())
        {
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                failures.Add($"{path}:Name is required.");
            }
            else if (s.Name.Any(char.IsWhiteSpace) || s.Name.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"{path}:Name may not contain spaces or colons."); // values are never repeated: one may be a pasted key
            }
            else if (names.TryGetValue(s.Name, out var other))
            {
                failures.Add($"{path}:Name is already used by {other}:Name.");
            }
            else
            {
                names[s.Name] = path;
            }

            if (string.IsNullOrWhiteSpace(s.Provider))
            {
                failures.Add($"{path}:Provider is required (one of: {ProviderNames}).");
            }
            else if (!ProviderCatalog.TryParse(s.Provider, out _))
            {
                failures.Add($"{path}:Provider is not a provider: use one of {ProviderNames}.");
            }

            var hasEnv = !string.IsNullOrWhiteSpace(s.KeyEnv);
            var hasFile = !string.IsNullOrWhiteSpace(s.KeyFile);
            if (hasEnv == hasFile)
            {
                failures.Add($"{path}: set exactly one of {path}:KeyEnv (an environment variable) or {path}:KeyFile (a secret file), never the key itself.");
            }

            if (!string.IsNullOrWhiteSpace(s.BaseUrl)
                && (!Uri.TryCreate(s.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                failures.Add($"{path}:BaseUrl must be an absolute http or https URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

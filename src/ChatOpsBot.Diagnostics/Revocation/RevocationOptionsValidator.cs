using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>Checks <see cref="RevocationOptions"/> at start, naming every bad setting at once.</summary>
public sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"Revocation:Timeout is {options.Timeout}; it must be between 00:00:01 and 00:02:00.");
        }

        foreach (var (section, settings) in options.Sections())
        {
            var prefix = $"{RevocationOptions.SectionName}:{section}";
            if (!string.IsNullOrWhiteSpace(settings.AdminKeyEnv) && !string.IsNullOrWhiteSpace(settings.AdminKeyFile))
            {
                failures.Add($"{prefix}: set AdminKeyEnv or AdminKeyFile, not both.");
            }

            if (settings.AdminKeyEnv is { } env && (env.Length == 0 || env.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_'))))
            {
                failures.Add($"{prefix}:AdminKeyEnv must name an environment variable (letters, digits, _), not hold the key itself.");
            }

            if (settings.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
            {
                failures.Add($"{prefix}:BaseUrl must be an absolute http(s) URL, such as the provider's own admin host.");
            }

            if (section == nameof(RevocationOptions.Gemini))
            {
                if (!string.IsNullOrWhiteSpace(settings.AdminKeyEnv) || !string.IsNullOrWhiteSpace(settings.AdminKeyFile))
                {
                    failures.Add($"{prefix}: Google's API Keys API takes no admin key; set Revocation:Gemini:ServiceAccountFile (a service account's JSON key).");
                }

                if (settings.ServiceAccountFile is { } file && file.TrimStart().StartsWith('{'))
                {
                    failures.Add($"{prefix}:ServiceAccountFile must be the path of the service account's JSON key file, not its content.");
                }
            }
            else if (!string.IsNullOrWhiteSpace(settings.ServiceAccountFile))
            {
                failures.Add($"{prefix}:ServiceAccountFile is for Gemini only; use AdminKeyEnv or AdminKeyFile.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

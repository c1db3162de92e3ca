using ChatOpsBot.Core.Intake;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.TeamKeys;

/// <summary>
/// The team's keys by name. Values are read when a diagnosis needs them (so a rotated secret file is picked up) and
/// are not kept: the caller holds one only for the diagnosis that uses it.
/// </summary>
public sealed class TeamKeyRegistry
{
    private readonly EnvironmentVariables _environment;
    private readonly Dictionary<string, TeamKey> _byName = new(StringComparer.OrdinalIgnoreCase);

    public TeamKeyRegistry(IOptions<TeamKeysOptions> options, EnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        _environment = environment;
        var keys = new List<TeamKey>();
        foreach (var (path, s) in options.Value.Entries())
        {
            if (s.Name is null || !ProviderCatalog.TryParse(s.Provider, out var provider) || _byName.ContainsKey(s.Name))
            {
                continue; // the validator has said what is wrong
            }

            var key = new TeamKey(
                s.Name,
                provider.Value,
                string.IsNullOrWhiteSpace(s.KeyEnv) ? null : s.KeyEnv.Trim(),
                string.IsNullOrWhiteSpace(s.KeyFile) ? null : s.KeyFile.Trim(),
                string.IsNullOrWhiteSpace(s.Model) ? null : s.Model.Trim(),
                Uri.TryCreate(s.BaseUrl, UriKind.Absolute, out var uri) ? uri : null,
                path);
            _byName[key.Name] = key;
            keys.Add(key);
        }

        All = keys;
    }

    public IReadOnlyList<TeamKey> All { get; }

    public TeamKey? Find(string? name) => name is not null && _byName.TryGetValue(name.Trim(), out var key) ? key : null;

    /// <summary>The first team key of <paramref name="provider"/>, or null.</summary>
    public TeamKey? FirstFor(ProviderId provider) => All.FirstOrDefault(k => k.Provider == provider);

    /// <summary>Reads the key's value now. Null when the variable is unset or the file is missing.</summary>
    public (string? Value, KeySource Source) Read(TeamKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeyEnv is not null)
        {
            var value = _environment.Get(key.KeyEnv);
            return (value, string.IsNullOrEmpty(value) ? KeySource.None : KeySource.Environment);
        }

        try
        {
            var value = File.ReadAllText(key.KeyFile!);
            return (value, value.Length == 0 ? KeySource.None : KeySource.File);
        }
        catch (IOException)
        {
            return (null, KeySource.None);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, KeySource.None);
        }
    }

    /// <summary>The key's shown form (<c>sk-proj-…a1b2</c>), or null when it has no value now.</summary>
    public string? Shown(TeamKey key)
    {
        var (value, _) = Read(key);
        return string.IsNullOrWhiteSpace(value) ? null : KeyMask.Show(value.Trim());
    }

    /// <summary>The team keys whose value fits a masked form (<c>sk-proj-…a1b2</c>: same start, same last 4).</summary>
    public IReadOnlyList<TeamKey> MatchMasked(string maskedForm)
    {
        ArgumentNullException.ThrowIfNull(maskedForm);
        var mark = maskedForm.IndexOf(KeyMask.Ellipsis, StringComparison.Ordinal);
        if (mark <= 0)
        {
            return [];
        }

        var head = maskedForm[..mark];
        var tail = maskedForm[(mark + 1)..];
        var matches = new List<TeamKey>();
        foreach (var key in All)
        {
            var (value, _) = Read(key);
            var trimmed = value?.Trim();
            if (trimmed is { Length: >= KeyIntake.MinKeyLength }
                && trimmed.StartsWith(head, StringComparison.Ordinal)
                && trimmed.EndsWith(tail, StringComparison.Ordinal))
            {
                matches.Add(key);
            }
        }

        return matches;
    }
}

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>Registration: secrets are remembered while a handle is held, each distinct form once, counted.</summary>
public sealed partial class SecretScrubber
{
    /// <summary>Remembers <paramref name="secret"/> until the returned handle is disposed.</summary>
    public IDisposable Register(string secret) => Add(Forms(secret));

    /// <summary>
    /// Remembers a key as received (<paramref name="raw"/>, unless blank) and the usable key its inspection found,
    /// until the returned handle is disposed: one registration for both forms.
    /// </summary>
    public IDisposable Register(string? raw, Keys.KeyInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        return Add(Forms(string.IsNullOrWhiteSpace(raw) ? null : raw, inspection.UsableKey));
    }

    /// <summary>The forms of the secrets worth remembering, each once: as given and without invisible ends.</summary>
    private static string[] Forms(params string?[] secrets) =>
    [
        .. secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s!, KeyMask.TrimInvisible(s!) })
            .Where(f => f.Length >= MinSecretLength)
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Counts a registration of each form. A form already registered (the same team key in 500 diagnoses at once) is
    /// counted, not added again: every scrub walks the distinct entries, so duplicates would make each scrub cost grow
    /// with the number of diagnoses running, and a burst cost grow with its square.
    /// </summary>
    private Handle Add(string[] forms)
    {
        if (forms.Length == 0)
        {
            return Handle.None;
        }

        List<string>? missing = null;
        lock (_gate)
        {
            foreach (var form in forms)
            {
                if (_registered.TryGetValue(form, out var known))
                {
                    known.Count++;
                }
                else
                {
                    (missing ??= []).Add(form);
                }
            }
        }

        if (missing is null)
        {
            return new Handle(this, forms);
        }

        // An entry precomputes its fragments: built outside the lock, kept only if no other registration won the race.
        var built = missing.Select(f => new Entry(f)).ToList();
        lock (_gate)
        {
            var added = new List<Entry>(built.Count);
            foreach (var entry in built)
            {
                if (_registered.TryGetValue(entry.Secret, out var known))
                {
                    known.Count++;
                }
                else
                {
                    _registered[entry.Secret] = new Registered(entry);
                    added.Add(entry);
                }
            }

            _entries = _entries.AddRange(added);
        }

        return new Handle(this, forms);
    }

    private void Forget(string[] forms)
    {
        lock (_gate)
        {
            List<Entry>? gone = null;
            foreach (var form in forms)
            {
                if (_registered.TryGetValue(form, out var known) && --known.Count == 0)
                {
                    _registered.Remove(form);
                    (gone ??= []).Add(known.Entry);
                }
            }

            if (gone is not null)
            {
                _entries = _entries.RemoveRange(gone);
            }
        }
    }

    /// <summary>A registered form and how many live registrations hold it.</summary>
    private sealed class Registered(Entry entry)
    {
        public Entry Entry { get; } = entry;

        public int Count { get; set; } = 1;
    }
}

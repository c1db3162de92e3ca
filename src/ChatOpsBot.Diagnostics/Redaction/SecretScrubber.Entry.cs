using System.Buffers;

namespace ChatOpsBot.Diagnostics.Redaction;

public sealed partial class SecretScrubber
{
    /// <summary>One registered form of a secret, with its 12-character fragments for fast lookups.</summary>
    private sealed class Entry
    {
        public Entry(string secret)
        {
            Secret = secret;
            Shown = KeyMask.Show(secret);
            if (secret.Length >= FragmentLength)
            {
                // Fragments wholly inside the public prefix (sk-ant-api03-) hold no secret material: scrubbing them
                // would mangle every shown form of such keys ("sk-ant-api03-…AbCd" → "……AbCd").
                var prefix = Keys.KeyShapes.Identify(secret).Prefix.Length;
                var set = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i <= secret.Length - FragmentLength; i++)
                {
                    if (i + FragmentLength <= prefix)
                    {
                        continue;
                    }

                    set.Add(secret.Substring(i, FragmentLength));
                }

                Fragments = set.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            SecretChars = SearchValues.Create(secret.Distinct().ToArray());
        }

        public string Secret { get; }

        public string Shown { get; }

        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? Fragments { get; }

        /// <summary>The characters the secret holds: fragments are looked for only in runs of these.</summary>
        public SearchValues<char> SecretChars { get; }
    }

    /// <summary>Forgets its secret when disposed (once).</summary>
    private sealed class Handle(SecretScrubber? owner, Entry[] forms) : IDisposable
    {
        public static Handle None { get; } = new(null, []);

        private int _disposed;

        public void Dispose()
        {
            if (owner is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Forget(forms);
            }
        }
    }
}

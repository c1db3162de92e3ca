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
                var set = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i <= secret.Length - FragmentLength; i++)
                {
                    set.Add(secret.Substring(i, FragmentLength));
                }

                Fragments = set.GetAlternateLookup<ReadOnlySpan<char>>();
                FirstChars = SearchValues.Create(set.Select(f => f[0]).Distinct().ToArray());
            }
            else
            {
                FirstChars = SearchValues.Create(string.Empty);
            }
        }

        public string Secret { get; }

        public string Shown { get; }

        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? Fragments { get; }

        public SearchValues<char> FirstChars { get; }
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

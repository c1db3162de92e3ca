using System.Buffers;
using System.Text;

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
            var chars = new HashSet<char>(secret);
            if (secret.Length >= FragmentLength)
            {
                // Fragments wholly inside the public prefix (sk-ant-api03-) hold no secret material: scrubbing them
                // would mangle every shown form of such keys ("sk-ant-api03-…AbCd" → "……AbCd"). What a raw value
                // carries before its key (a quote, white space, "Bearer ") counts as part of that prefix.
                var lead = LeadingJunk(secret);
                var prefix = lead + Keys.KeyShapes.Identify(secret[lead..]).Prefix.Length;
                var set = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i <= secret.Length - FragmentLength; i++)
                {
                    if (i + FragmentLength <= prefix)
                    {
                        continue;
                    }

                    set.Add(secret.Substring(i, FragmentLength));
                }

                // Its base64 and base64url forms, at each of the three alignments it can have inside a longer encoded
                // text ("Basic " + base64(user:key), a JSON blob encoded whole): 12 encoded characters are 9 bytes.
                foreach (var core in Base64Cores(secret))
                {
                    for (var i = 0; i <= core.Length - FragmentLength; i++)
                    {
                        set.Add(core.Substring(i, FragmentLength));
                    }

                    chars.UnionWith(core);
                }

                Fragments = set.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            SecretChars = SearchValues.Create([.. chars]);
        }

        /// <summary>
        /// The characters of <paramref name="secret"/>'s base64 and base64url encodings that depend on the secret
        /// alone, for each alignment: the groups the padding or the neighbouring bytes touch are cut off.
        /// </summary>
        private static IEnumerable<string> Base64Cores(string secret)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            for (var align = 0; align < 3; align++)
            {
                var padded = new byte[align + bytes.Length];
                bytes.CopyTo(padded, align);
                var encoded = Convert.ToBase64String(padded);
                var from = align == 0 ? 0 : 4;
                var to = padded.Length % 3 == 0 ? encoded.Length : encoded.Length - 4;
                if (to - from < FragmentLength)
                {
                    continue;
                }

                var core = encoded[from..to];
                yield return core;
                if (core.AsSpan().IndexOfAny('+', '/') >= 0)
                {
                    yield return core.Replace('+', '-').Replace('/', '_');
                }
            }
        }

        private static int LeadingJunk(string secret)
        {
            var i = 0;
            while (i < secret.Length && (char.IsWhiteSpace(secret[i]) || secret[i] is '"' or '\'' or '“' or '‘' or '`' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'))
            {
                i++;
            }

            if (secret.AsSpan(i).StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                i += "Bearer ".Length;
                while (i < secret.Length && char.IsWhiteSpace(secret[i]))
                {
                    i++;
                }
            }

            return i;
        }

        public string Secret { get; }

        public string Shown { get; }

        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? Fragments { get; }

        /// <summary>The characters the secret holds: fragments are looked for only in runs of these.</summary>
        public SearchValues<char> SecretChars { get; }
    }

    /// <summary>Forgets its secret when disposed (once).</summary>
    private sealed class Handle(SecretScrubber? owner, string[] forms) : IDisposable
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

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Core.Store;

/// <summary>How both stores name chat state: users by a hash, team keys case-insensitively; and the limit's arithmetic.</summary>
internal static class ChatStoreKeys
{
    /// <summary>
    /// A user's platform id (<c>Discord:1234</c>) as 32 hex characters of its SHA-256: the limit needs only to tell
    /// users apart, so the table holds no id a reader could look up.
    /// </summary>
    public static string UserHash(string user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user)).AsSpan(0, 16));

    /// <summary>A 32-bit number for a user's advisory lock; two users that share one only wait for each other.</summary>
    public static int UserLock(string user) => BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(user)));

    public static string TeamKey(string name) => name.ToLowerInvariant();

    /// <summary>
    /// The outcome of a request for <paramref name="wanted"/> checks of which <paramref name="granted"/> were given,
    /// the user's oldest check in the window having been made at <paramref name="oldest"/> (null: none before this one).
    /// </summary>
    public static (int Granted, DateTimeOffset? RetryAt) Grant(int granted, int wanted, DateTimeOffset? oldest, DateTimeOffset now, TimeSpan window)
    {
        var first = oldest ?? (granted > 0 ? now : null);
        return (granted, granted < wanted && first is { } at ? at + window : null);
    }
}

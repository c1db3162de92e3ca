using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// NO_PROXY with curl's semantics: entries separated by commas or spaces; <c>*</c> matches every host; a name matches
/// itself and its subdomains (<c>example.com</c>, <c>.example.com</c> and <c>*.example.com</c> alike); an IP matches
/// exactly; <c>10.0.0.0/8</c> matches IP-literal hosts in the range; <c>host:port</c> and <c>[v6]:port</c> match that
/// port only. Names are never resolved.
/// </summary>
internal sealed class NoProxyList
{
    private static readonly char[] Separators = [',', ' ', '\t', '\r', '\n', ';'];

    private readonly List<Entry> _entries;

    private NoProxyList(List<Entry> entries) => _entries = entries;

    public static NoProxyList Empty { get; } = new([]);

    public static NoProxyList Parse(string? value)
    {
        var entries = new List<Entry>();
        foreach (var raw in (value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseEntry(raw, out var entry))
            {
                entries.Add(entry);
            }
        }

        return new NoProxyList(entries);
    }

    /// <summary>The entry (as written) that sends <paramref name="target"/> direct, or null.</summary>
    public string? Match(Uri target)
    {
        var host = NormalizeHost(target.IdnHost);
        var ip = target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(host, out var parsed) ? parsed : null;

        foreach (var entry in _entries)
        {
            if (entry.Port is { } port && port != target.Port)
            {
                continue;
            }

            var matched = entry switch
            {
                { All: true } => true,
                { Network: { } network } => ip is not null && InNetwork(ip, network.Address, network.Prefix),
                { Host: { } name } => ip is null
                    ? host == name || host.EndsWith("." + name, StringComparison.Ordinal)
                    : IPAddress.TryParse(name, out var entryIp) && entryIp.Equals(ip),
                _ => false,
            };
            if (matched)
            {
                return entry.Text;
            }
        }

        return null;
    }

    private static bool TryParseEntry(string text, out Entry entry)
    {
        entry = new Entry(text);
        if (text == "*")
        {
            entry = entry with { All = true };
            return true;
        }

        var hostPart = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            hostPart = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':') || !TryPort(rest[1..], out var p))
                {
                    return false;
                }

                port = p;
            }
        }
        else if (text.Count(c => c == ':') == 1 && !text.Contains('/', StringComparison.Ordinal))
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (!TryPort(text[(colon + 1)..], out var p))
            {
                return false;
            }

            hostPart = text[..colon];
            port = p;
        }

        var slash = hostPart.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!IPAddress.TryParse(hostPart[..slash], out var network)
                || !int.TryParse(hostPart[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                || prefix > (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                return false;
            }

            entry = entry with { Network = (network, prefix), Port = port };
            return true;
        }

        var name = NormalizeHost(hostPart);
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        name = name.TrimStart('.');
        if (name.Length == 0)
        {
            return false;
        }

        entry = entry with { Host = name, Port = port };
        return true;
    }

    private static string NormalizeHost(string host) =>
        host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static bool InNetwork(IPAddress ip, IPAddress network, int prefix)
    {
        if (ip.IsIPv4MappedToIPv6 && network.AddressFamily == AddressFamily.InterNetwork)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = ip.GetAddressBytes();
        var b = network.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole)))
        {
            return false;
        }

        var bits = prefix % 8;
        if (bits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - bits));
        return (a[whole] & mask) == (b[whole] & mask);
    }

    private sealed record Entry(string Text)
    {
        public bool All { get; init; }

        public string? Host { get; init; }

        public (IPAddress Address, int Prefix)? Network { get; init; }

        public int? Port { get; init; }
    }
}

using System.Net;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.SharedCgnat)]
    [InlineData("100.127.255.255", AddressKind.SharedCgnat)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("198.18.0.5", AddressKind.Benchmarking)]
    [InlineData("198.19.255.1", AddressKind.Benchmarking)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("192.0.2.10", AddressKind.Reserved)]
    [InlineData("198.51.100.7", AddressKind.Reserved)]
    [InlineData("203.0.113.9", AddressKind.Reserved)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("::2", AddressKind.Reserved)]
    [InlineData("64:ff9b::a01:203", AddressKind.Private)]       // NAT64 of 10.1.2.3
    [InlineData("64:ff9b::6812:6c0", AddressKind.Public)]       // NAT64 of 104.18.6.192
    public void Classify_SpecialRange_ReturnsKind(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("104.18.6.192")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("192.169.0.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700::6812:6c0")]
    [InlineData("2a00:1450:4001:80b::200a")]
    [InlineData("::ffff:8.8.8.8")]
    public void Classify_GlobalUnicast_ReturnsPublic(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(ip));
        Assert.True(AddressClassifier.IsPublic(ip));
        Assert.False(AddressClassifier.IsLoopback(ip));
    }

    [Fact]
    public void Describe_EveryKind_ReturnsText()
    {
        foreach (var kind in Enum.GetValues<AddressKind>())
        {
            Assert.False(string.IsNullOrWhiteSpace(AddressClassifier.Describe(kind)));
        }
    }
}

using System.Net;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

public sealed class ProxyRouteTests
{
    private static readonly Uri OpenAi = new("https://api.openai.com/v1/models");

    private static ProxyRoute CreateSut(NetworkOptions? options = null, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        return new ProxyRoute(options ?? new NetworkOptions(), name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void Describe_NothingConfigured_GoesDirect()
    {
        var route = CreateSut().Describe(OpenAi, customBaseUrl: false);

        Assert.Equal(new RouteInfo(OpenAi, null, null, null, false), route);
    }

    [Theory]
    [InlineData("https://api.openai.com/", "https_proxy", "http://lower:1/")]
    [InlineData("http://gateway.local/", "http_proxy", "http://lowerhttp:3/")]
    public void Describe_BothCases_LowerCaseWins(string target, string source, string proxy)
    {
        var sut = CreateSut(null,
            ("https_proxy", "http://lower:1"), ("HTTPS_PROXY", "http://upper:2"),
            ("http_proxy", "http://lowerhttp:3"), ("HTTP_PROXY", "http://upperhttp:4"));

        var route = sut.Describe(new Uri(target), customBaseUrl: true);

        Assert.Equal(source, route.ProxySource);
        Assert.Equal(new Uri(proxy), route.Proxy);
    }

    [Theory]
    [InlineData("https://api.openai.com/", "HTTPS_PROXY", "http://secure:3128/")]
    [InlineData("http://gateway.local/", "HTTP_PROXY", "http://plain:8080/")]
    public void Describe_SchemeOfTarget_PicksMatchingVariable(string target, string source, string proxy)
    {
        var sut = CreateSut(null, ("HTTPS_PROXY", "http://secure:3128"), ("HTTP_PROXY", "http://plain:8080"),
            ("ALL_PROXY", "socks5://all:1080"));

        var route = sut.Describe(new Uri(target), customBaseUrl: false);

        Assert.Equal(source, route.ProxySource);
        Assert.Equal(new Uri(proxy), route.Proxy);
    }

    [Fact]
    public void Describe_OnlyAllProxy_FallsBackToAllProxy()
    {
        var route = CreateSut(null, ("HTTP_PROXY", "http://plain:8080"), ("ALL_PROXY", "socks5://all"))
            .Describe(OpenAi, customBaseUrl: false);

        Assert.Equal("ALL_PROXY", route.ProxySource);
        Assert.Equal(new Uri("socks5://all:1080"), route.Proxy);
    }

    [Fact]
    public void Describe_ExplicitOption_WinsOverEnvironment()
    {
        var options = new NetworkOptions { Proxy = new Uri("http://explicit:9000") };

        var route = CreateSut(options, ("HTTPS_PROXY", "http://env:3128")).Describe(OpenAi, customBaseUrl: false);

        Assert.Equal(ProxyRoute.ProxySettingName, route.ProxySource);
        Assert.Equal(new Uri("http://explicit:9000/"), route.Proxy);
    }

    [Fact]
    public void Describe_EnvironmentDisabled_IgnoresVariables()
    {
        var options = new NetworkOptions { UseEnvironmentProxy = false };

        var route = CreateSut(options, ("HTTPS_PROXY", "http://env:3128")).Describe(OpenAi, customBaseUrl: false);

        Assert.Null(route.Proxy);
        Assert.Null(route.ProxySource);
    }

    [Fact]
    public void Describe_EmptyVariable_TreatedAsUnset()
    {
        var route = CreateSut(null, ("https_proxy", "  "), ("HTTPS_PROXY", "http://upper:2"))
            .Describe(OpenAi, customBaseUrl: false);

        Assert.Equal("HTTPS_PROXY", route.ProxySource);
    }

    [Theory]
    [InlineData("*", "https://api.openai.com/", "*")]
    [InlineData("api.openai.com", "https://api.openai.com/", "api.openai.com")]
    [InlineData("openai.com", "https://api.openai.com/", "openai.com")]
    [InlineData(".openai.com", "https://api.openai.com/", ".openai.com")]
    [InlineData("*.openai.com", "https://api.openai.com/", "*.openai.com")]
    [InlineData("OPENAI.COM.", "https://API.openai.com/", "OPENAI.COM.")]
    [InlineData("example.org, openai.com", "https://api.openai.com/", "openai.com")]
    [InlineData("example.org openai.com", "https://api.openai.com/", "openai.com")]
    [InlineData("api.openai.com:443", "https://api.openai.com/", "api.openai.com:443")]
    [InlineData("10.1.2.3", "https://10.1.2.3/", "10.1.2.3")]
    [InlineData("10.0.0.0/8", "https://10.1.2.3:4000/", "10.0.0.0/8")]
    [InlineData("192.168.0.0/23", "http://192.168.1.200/", "192.168.0.0/23")]
    [InlineData("2001:db8::5", "https://[2001:db8::5]/", "2001:db8::5")]
    [InlineData("[2001:db8::5]:8443", "https://[2001:db8::5]:8443/", "[2001:db8::5]:8443")]
    [InlineData("2001:db8::/32", "https://[2001:db8:1::9]/", "2001:db8::/32")]
    public void Describe_NoProxyMatches_GoesDirectNamingEntry(string noProxy, string target, string entry)
    {
        var sut = CreateSut(null, ("HTTPS_PROXY", "http://proxy:3128"), ("HTTP_PROXY", "http://proxy:3128"),
            ("NO_PROXY", noProxy));

        var route = sut.Describe(new Uri(target), customBaseUrl: false);

        Assert.Null(route.Proxy);
        Assert.Null(route.ProxySource);
        Assert.Equal(entry, route.NoProxyMatched);
        Assert.True(sut.IsBypassed(new Uri(target)));
        Assert.Null(sut.GetProxy(new Uri(target)));
    }

    [Theory]
    [InlineData("notopenai.com", "https://api.openai.com/")]
    [InlineData("api.openai.com.evil", "https://api.openai.com/")]
    [InlineData("penai.com", "https://api.openai.com/")]
    [InlineData("api.openai.com:8443", "https://api.openai.com/")]
    [InlineData("10.0.0.0/8", "https://11.1.2.3/")]
    [InlineData("10.1.2.3", "https://10.1.2.30/")]
    [InlineData("1.2.3", "https://10.1.2.3/")]
    [InlineData("", "https://api.openai.com/")]
    public void Describe_NoProxyDoesNotMatch_UsesProxy(string noProxy, string target)
    {
        var sut = CreateSut(null, ("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", noProxy));

        var route = sut.Describe(new Uri(target), customBaseUrl: false);

        Assert.Equal(new Uri("http://proxy:3128/"), route.Proxy);
        Assert.Null(route.NoProxyMatched);
        Assert.False(sut.IsBypassed(new Uri(target)));
    }

    [Fact]
    public void Describe_LowerCaseNoProxy_Honoured()
    {
        var route = CreateSut(null, ("HTTPS_PROXY", "http://proxy:3128"), ("no_proxy", "openai.com"))
            .Describe(OpenAi, customBaseUrl: false);

        Assert.Equal("openai.com", route.NoProxyMatched);
    }

    [Fact]
    public void Describe_NoProxyOption_OverridesEnvironment()
    {
        var options = new NetworkOptions { NoProxy = "anthropic.com" };
        var sut = CreateSut(options, ("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", "openai.com"));

        Assert.NotNull(sut.Describe(OpenAi, customBaseUrl: false).Proxy);
        Assert.Equal("anthropic.com", sut.Describe(new Uri("https://api.anthropic.com/"), false).NoProxyMatched);
    }

    [Theory]
    [InlineData("http://localhost:4000/")]
    [InlineData("http://127.0.0.1:4000/")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://[::1]:4000/")]
    [InlineData("http://app.localhost/")]
    public void Describe_LoopbackTarget_AlwaysDirect(string target)
    {
        var sut = CreateSut(new NetworkOptions { Proxy = new Uri("http://proxy:3128") });

        var route = sut.Describe(new Uri(target), customBaseUrl: true);

        Assert.Null(route.Proxy);
        Assert.Equal(ProxyRoute.LoopbackBypass, route.NoProxyMatched);
        Assert.True(sut.IsBypassed(new Uri(target)));
    }

    [Theory]
    [InlineData("proxy:3128", "http://proxy:3128/")]
    [InlineData("10.0.0.5:8080", "http://10.0.0.5:8080/")]
    [InlineData("user:pw@proxy.corp:3128", "http://proxy.corp:3128/")]
    public void Describe_ProxyWithoutScheme_AssumesHttpAndSaysSo(string value, string expected)
    {
        var route = CreateSut(null, ("HTTPS_PROXY", value)).Describe(OpenAi, customBaseUrl: false);

        Assert.Equal(new Uri(expected), route.Proxy);
        Assert.True(route.ProxySchemeAssumed);
    }

    [Fact]
    public void Describe_OptionWithoutScheme_AssumesHttp()
    {
        // new Uri("proxy:3128") is an absolute URI with the scheme "proxy": the classic trap.
        var options = new NetworkOptions { Proxy = new Uri("proxy:3128") };

        var route = CreateSut(options).Describe(OpenAi, customBaseUrl: false);

        Assert.Equal(new Uri("http://proxy:3128/"), route.Proxy);
        Assert.True(route.ProxySchemeAssumed);
    }

    [Fact]
    public void Describe_ProxyWithCredentials_StripsThemButKeepsThemForA407()
    {
        var sut = CreateSut(null, ("HTTPS_PROXY", "http://alice:s3cr%40t@proxy.corp:3128"));

        var route = sut.Describe(OpenAi, customBaseUrl: false);
        var proxy = sut.GetProxy(OpenAi)!;
        var credential = sut.Credentials!.GetCredential(proxy, "Basic");

        Assert.Equal(new Uri("http://proxy.corp:3128/"), route.Proxy);
        Assert.DoesNotContain("s3cr", route.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", route.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, proxy.UserInfo);
        Assert.False(route.ProxySchemeAssumed);
        Assert.Equal("alice", credential!.UserName);
        Assert.Equal("s3cr@t", credential.Password);
        Assert.Null(sut.Credentials.GetCredential(new Uri("http://other:3128/"), "Basic"));
    }

    [Fact]
    public void Credentials_NoUserInfo_Null() =>
        Assert.Null(CreateSut(null, ("HTTPS_PROXY", "http://proxy:3128")).Credentials);

    [Theory]
    [InlineData("HTTPS_PROXY", "http://user:hunter2@")]
    [InlineData("HTTPS_PROXY", "http://user:hunter2@proxy:notaport")]
    [InlineData("https_proxy", "ftp://user:hunter2@proxy:21")]
    [InlineData("ALL_PROXY", "http://user:hunter2@[::1")]
    public void Constructor_UnusableValue_ThrowsNamingSettingWithoutSecret(string variable, string value)
    {
        var ex = Assert.Throws<ProxyConfigurationException>(() => CreateSut(null, (variable, value)));

        Assert.Equal(variable, ex.Setting);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnusableOption_ThrowsNamingSetting()
    {
        var options = new NetworkOptions { Proxy = new Uri("gopher://user:hunter2@proxy:70") };

        var ex = Assert.Throws<ProxyConfigurationException>(() => CreateSut(options));

        Assert.Equal(ProxyRoute.ProxySettingName, ex.Setting);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExplicitProxy_IgnoresBadEnvironment()
    {
        var options = new NetworkOptions { Proxy = new Uri("http://explicit:9000") };

        var sut = CreateSut(options, ("HTTPS_PROXY", "ftp://broken"));

        Assert.Equal(new Uri("http://explicit:9000/"), sut.GetProxy(OpenAi));
    }

    [Fact]
    public void GetProxy_UsedByHttpClientHandler_Accepted()
    {
        var sut = CreateSut(null, ("HTTPS_PROXY", "http://u:p@proxy:3128"));
        using var handler = new SocketsHttpHandler { Proxy = sut, UseProxy = true };

        Assert.Same(sut, handler.Proxy);
        Assert.IsType<NetworkCredential>(sut.Credentials!.GetCredential(new Uri("http://proxy:3128"), "Negotiate"));
    }
}

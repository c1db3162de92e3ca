using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

public class EchoMaskTests
{
    [Fact]
    public void Apply_FullGoogleKeyInMessage_KeepsOnlyShownForm()
    {
        var masked = EchoMask.Apply("Permission denied: Consumer 'api_key:AIzaSyFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0' has been suspended.");

        Assert.Equal("Permission denied: Consumer 'api_key:AIza…AKE0' has been suspended.", masked);
    }

    [Fact]
    public void Apply_MaskedEcho_FoldsTheStarsKeepsTheTail()
    {
        const string message = "Incorrect API key provided: sk-proj-" + "********************************" + "abcd.";

        Assert.Equal("Incorrect API key provided: sk-proj-…abcd.", EchoMask.Apply(message));
    }

    [Theory]
    [InlineData("Incorrect API key provided: 9f8e7d6c************************b1a0. You can", "Incorrect API key provided: …b1a0. You can")]
    [InlineData("Incorrect API key provided: sk-VKMIs***************************************wjh3.", "Incorrect API key provided: sk-VKMIs…wjh3.")]
    [InlineData("Incorrect API key provided: AIzaSyAo***************************XZ0Q.", "Incorrect API key provided: AIzaSyAo…XZ0Q.")]
    public void Apply_MaskedEchoOfABareKey_KeepsNoneOfItsHead(string message, string expected)
    {
        // OpenAI echoes a key's first 8 characters: a known prefix's are mostly public, a bare key's all secret.
        Assert.Equal(expected, EchoMask.Apply(message));
    }
}

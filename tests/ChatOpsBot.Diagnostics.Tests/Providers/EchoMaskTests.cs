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
}

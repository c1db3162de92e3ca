using System.Globalization;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Revocation;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// A key pasted in a Discord server channel, end to end through the gateway, the conversation layer and REST: the
/// message deleted, the author DMed, the key revoked at a fake admin API, and the revocation announced in the channel.
/// </summary>
public sealed class AdapterRevocationTests
{
    private static readonly string OpenAIAdminKey = "sk-admin-" + new string('T', 24) + "b6Nc" + new string('j', 30) + "5sVe";
    private static readonly string AnthropicAdminKey = "sk-ant-admin01-" + new string('U', 40) + "d2Gh" + new string('p', 40) + "AA";

    [Fact]
    public async Task OpenAIKeyPastedInAChannel_IsRevoked_AndTheChannelIsTold()
    {
        var leaked = TestKeys.OpenAIProject();
        await using var admin = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var fake = new FakeOpenAIAdmin(admin, OpenAIAdminKey)
            .AddProject("proj_a", "Sandbox").AddProject("proj_b", "Prod").AddProject("proj_c", "Web")
            .AddKey("proj_b", "key_1", "old", TestKeys.OpenAIProject()).AddKey("proj_b", "key_2", "ci", TestKeys.OpenAIProject()).AddKey("proj_b", "key_3", "backend", leaked);
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, OpenAIAdminKey, TestContext.Current.CancellationToken);
        try
        {
            await using var h = await AdapterHarness.StartAsync(settings: (config, _) =>
            {
                config["Revocation:Enabled"] = "true";
                config["Revocation:OpenAI:AdminKeyFile"] = keyFile;
                config["Revocation:OpenAI:BaseUrl"] = admin.BaseUrl.ToString();
            });
            var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
            var posted = h.Fake.UserMessage("prod is down?? " + leaked, channel, AdapterHarness.Guild);
            h.Fake.AllowDelete(ulong.Parse((string)posted["id"]!, CultureInfo.InvariantCulture));

            await h.Fake.InjectMessageAsync(posted);
            await h.Fake.WaitUntilAsync(
                () => h.Fake.Messages.Values.Any(m => (string?)m["channel_id"] == channel.ToString(CultureInfo.InvariantCulture) && ((string?)m["content"])?.Contains("Revoked", StringComparison.Ordinal) == true),
                "the announcement in the channel", TimeSpan.FromSeconds(30));

            var announcement = h.Fake.Messages.Values.Single(m => (string?)m["channel_id"] == channel.ToString(CultureInfo.InvariantCulture));
            var text = (string)announcement["content"]!;
            Assert.Contains("sk-proj-…" + leaked[^4..], text, StringComparison.Ordinal);
            Assert.Contains("project Prod (proj_b)", text, StringComparison.Ordinal);
            Assert.Equal(["key_3"], fake.DeletedKeyIds);
            Assert.Contains(h.Fake.Messages.Values, m => ((string?)m["content"])?.Contains("rotate", StringComparison.Ordinal) == true); // the DM too
            Assert.Empty(admin.Unexpected);
            h.AssertEveryMessageSafe();
            h.AssertNothingLeaked(leaked, OpenAIAdminKey);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task AnthropicKeyWhoseHintFitsTwoKeys_IsNotRevoked_AndTheChannelIsToldWhy()
    {
        var leaked = TestKeys.Anthropic();
        var twin = leaked[..16] + new string('q', leaked.Length - 20) + leaked[^4..];
        await using var admin = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var fake = new FakeAnthropicAdmin(admin, AnthropicAdminKey).AddKey("apikey_01", "Mine", leaked).AddKey("apikey_02", "Twin", twin);
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, AnthropicAdminKey, TestContext.Current.CancellationToken);
        try
        {
            await using var h = await AdapterHarness.StartAsync(settings: (config, _) =>
            {
                config["Revocation:Enabled"] = "true";
                config["Revocation:Anthropic:AdminKeyFile"] = keyFile;
                config["Revocation:Anthropic:BaseUrl"] = admin.BaseUrl.ToString();
            });
            var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
            var posted = h.Fake.UserMessage(leaked, channel, AdapterHarness.Guild);
            h.Fake.AllowDelete(ulong.Parse((string)posted["id"]!, CultureInfo.InvariantCulture));

            await h.Fake.InjectMessageAsync(posted);
            await h.Fake.WaitUntilAsync(
                () => h.Fake.Messages.Values.Any(m => ((string?)m["content"])?.Contains("Not revoked", StringComparison.Ordinal) == true),
                "the announcement", TimeSpan.FromSeconds(30));

            Assert.Empty(fake.InactiveKeyIds);
            h.AssertNothingLeaked(leaked, twin, AnthropicAdminKey);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task GeminiKeyPastedInAChannel_IsDeletedThroughGooglesApiKeysApi_AndTheChannelIsToldHowToUndo()
    {
        var leaked = TestKeys.Gemini();
        await using var google = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        using var account = new TestServiceAccount(FakeGoogleOAuth.TokenUrl(google));
        AdapterHarness? started = null;
        var oauth = new FakeGoogleOAuth(google, account, () => started!.Time.GetUtcNow()); // Google's clock is the bot's
        var keys = new FakeGoogleApiKeys(google, oauth).AddKey("123456789012", "b7ff1f9f-8275-410a-94dd-3855ee9b5dd2", leaked);
        await using var h = started = await AdapterHarness.StartAsync(settings: (config, _) =>
        {
            config["Revocation:Enabled"] = "true";
            config["Revocation:Gemini:ServiceAccountFile"] = account.Path;
            config["Revocation:Gemini:BaseUrl"] = google.BaseUrl.ToString();
        });
        var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
        var posted = h.Fake.UserMessage("gemini is down? " + leaked, channel, AdapterHarness.Guild);
        h.Fake.AllowDelete(ulong.Parse((string)posted["id"]!, CultureInfo.InvariantCulture));

        await h.Fake.InjectMessageAsync(posted);
        await h.Fake.WaitUntilAsync(
            () => h.Fake.Messages.Values.Any(m => (string?)m["channel_id"] == channel.ToString(CultureInfo.InvariantCulture) && ((string?)m["content"])?.Contains("Revoked", StringComparison.Ordinal) == true),
            "the announcement in the channel", TimeSpan.FromSeconds(30));

        var text = (string)h.Fake.Messages.Values.Single(m => (string?)m["channel_id"] == channel.ToString(CultureInfo.InvariantCulture))["content"]!;
        Assert.Contains("AIza…" + leaked[^4..], text, StringComparison.Ordinal);
        Assert.Contains("project 123456789012", text, StringComparison.Ordinal);
        Assert.Contains("gcloud services api-keys undelete b7ff1f9f-8275-410a-94dd-3855ee9b5dd2 --project=123456789012", text, StringComparison.Ordinal);
        Assert.Equal(["projects/123456789012/locations/global/keys/b7ff1f9f-8275-410a-94dd-3855ee9b5dd2"], keys.Deleted);
        Assert.Empty(google.Unexpected);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked([leaked, account.PrivateKeyBody, .. oauth.Issued, .. oauth.Assertions]);
    }
}

using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Revocation;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary>
/// A key pasted in a Telegram group, end to end: the real poller and conversation layer, the message deleted, the
/// sender told privately, the key revoked at a fake admin API, and the revocation announced in the group.
/// </summary>
public sealed class TelegramRevocationTests
{
    private const long User = 7;
    private const long Group = -4002;
    private static readonly string OpenAIAdminKey = "sk-admin-" + new string('P', 24) + "h3Zq" + new string('n', 30) + "2wXc";
    private static readonly string AnthropicAdminKey = "sk-ant-admin01-" + new string('R', 40) + "k8Yu" + new string('m', 40) + "AA";

    [Fact]
    public async Task An_OpenAI_key_pasted_in_a_group_is_revoked_and_the_group_is_told()
    {
        var leaked = TestKeys.OpenAIProject();
        await using var admin = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var fake = new FakeOpenAIAdmin(admin, OpenAIAdminKey).AddProject("proj_prod", "Prod").AddKey("proj_prod", "key_abc", "backend", leaked);
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, OpenAIAdminKey + "\n", TestContext.Current.CancellationToken);
        try
        {
            await using var bot = await AdapterHarness.StartAsync(
                (server, _, _) => server.SetBotRights(Group, admin: true, canDeleteMessages: true),
                new Dictionary<string, string?>
                {
                    ["Revocation:Enabled"] = "true",
                    ["Revocation:OpenAI:AdminKeyFile"] = keyFile,
                    ["Revocation:OpenAI:BaseUrl"] = admin.BaseUrl.ToString(),
                });
            bot.Secrets.AddRange([leaked, OpenAIAdminKey]);

            bot.Server.EnqueueGroupMessage(Group, User, "this one: " + leaked);

            await bot.TextAsync("sendMessage", User, "rotate it now");
            var announcement = await bot.TextAsync("sendMessage", Group, "Revoked");
            var text = announcement.Text("text")!;
            Assert.Contains("sk-proj-…" + leaked[^4..], text, StringComparison.Ordinal);
            Assert.Contains("Prod", text, StringComparison.Ordinal);
            Assert.Equal(["key_abc"], fake.DeletedKeyIds);
            Assert.Empty(admin.Unexpected);
            bot.AssertNothingLeaked();
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task An_Anthropic_key_pasted_in_a_group_is_deactivated_and_the_undo_is_said()
    {
        var leaked = TestKeys.Anthropic();
        await using var admin = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var fake = new FakeAnthropicAdmin(admin, AnthropicAdminKey).AddKey("apikey_01", "Other", TestKeys.Anthropic()).AddKey("apikey_02", "Support bot", leaked, "wrkspc_01");
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, AnthropicAdminKey, TestContext.Current.CancellationToken);
        try
        {
            await using var bot = await AdapterHarness.StartAsync(
                (server, _, _) => server.SetBotRights(Group, admin: true, canDeleteMessages: true),
                new Dictionary<string, string?>
                {
                    ["Revocation:Enabled"] = "true",
                    ["Revocation:Anthropic:AdminKeyFile"] = keyFile,
                    ["Revocation:Anthropic:BaseUrl"] = admin.BaseUrl.ToString(),
                });
            bot.Secrets.AddRange([leaked, AnthropicAdminKey]);

            bot.Server.EnqueueGroupMessage(Group, User, leaked);

            var announcement = await bot.TextAsync("sendMessage", Group, "Revoked");
            var text = announcement.Text("text")!;
            Assert.Contains("deactivated", text, StringComparison.Ordinal);
            Assert.Contains("workspace wrkspc_01", text, StringComparison.Ordinal);
            Assert.Contains("Undo", text, StringComparison.Ordinal);
            Assert.Equal(["apikey_02"], fake.InactiveKeyIds);
            bot.AssertNothingLeaked();
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task A_Gemini_key_pasted_in_a_group_is_deleted_through_Googles_API_Keys_API_and_the_group_is_told_how_to_undo()
    {
        var leaked = TestKeys.Gemini();
        await using var google = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        using var account = new TestServiceAccount(FakeGoogleOAuth.TokenUrl(google));
        var oauth = new FakeGoogleOAuth(google, account); // the bot runs on the real clock here
        var keys = new FakeGoogleApiKeys(google, oauth).AddKey("123456789012", "b7ff1f9f-8275-410a-94dd-3855ee9b5dd2", leaked);
        await using var bot = await AdapterHarness.StartAsync(
            (server, _, _) => server.SetBotRights(Group, admin: true, canDeleteMessages: true),
            new Dictionary<string, string?>
            {
                ["Revocation:Enabled"] = "true",
                ["Revocation:Gemini:ServiceAccountFile"] = account.Path,
                ["Revocation:Gemini:BaseUrl"] = google.BaseUrl.ToString(),
            });

        bot.Server.EnqueueGroupMessage(Group, User, "gemini: " + leaked);

        await bot.TextAsync("sendMessage", User, "rotate it now");
        var text = (await bot.TextAsync("sendMessage", Group, "Revoked")).Text("text")!;
        Assert.Contains("AIza…" + leaked[^4..], text, StringComparison.Ordinal);
        Assert.Contains("project 123456789012", text, StringComparison.Ordinal);
        Assert.Contains("api-keys undelete b7ff1f9f-8275-410a-94dd-3855ee9b5dd2", text, StringComparison.Ordinal);
        Assert.Single(keys.Deleted);
        Assert.Empty(google.Unexpected);
        bot.Secrets.AddRange([leaked, account.PrivateKeyBody, .. oauth.Issued, .. oauth.Assertions]);
        bot.AssertNothingLeaked();
    }
}

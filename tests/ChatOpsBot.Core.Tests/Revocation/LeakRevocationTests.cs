using System.Net.Http.Headers;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Core.Tests.Revocation;

/// <summary>
/// A key pasted in a channel, end to end through the conversation layer to the revocation announcement, against
/// stateful fake admin APIs on 127.0.0.1. Every reply and every log line is checked for the leaked and the admin key.
/// </summary>
public sealed class LeakRevocationTests : IAsyncLifetime
{
    private static readonly string OpenAIAdminKey = "sk-admin-" + new string('Q', 20) + "x7Rt" + new string('k', 30) + "9pLm";
    private static readonly string AnthropicAdminKey = "sk-ant-admin01-" + new string('W', 40) + "r5Ty" + new string('v', 40) + "AA";

    private readonly string _leaked = TestKeys.OpenAIProject();
    private readonly string _other = TestKeys.OpenAIProject();
    private readonly string _claude = TestKeys.Anthropic();
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _anthropic = null!;
    private FakeOpenAIAdmin _openaiAdmin = null!;
    private FakeAnthropicAdmin _anthropicAdmin = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        _anthropic = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        _openaiAdmin = new FakeOpenAIAdmin(_openai, OpenAIAdminKey)
            .AddProject("proj_default", "Default project")
            .AddProject("proj_web", "Web")
            .AddProject("proj_prod", "Prod")
            .AddKey("proj_default", "key_aaa", "laptop", _other)
            .AddKey("proj_prod", "key_bbb", "old", TestKeys.OpenAIProject())
            .AddKey("proj_prod", "key_ccc", "ci", TestKeys.OpenAIProject())
            .AddKey("proj_prod", "key_ddd", "backend", _leaked);
        _anthropicAdmin = new FakeAnthropicAdmin(_anthropic, AnthropicAdminKey)
            .AddKey("apikey_01", "Developer Key", TestKeys.Anthropic(), "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ")
            .AddKey("apikey_02", "Other", TestKeys.Anthropic())
            .AddKey("apikey_03", "Support bot", _claude, "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ");
    }

    public async ValueTask DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    [Fact]
    public async Task OpenAIKey_PastedInAChannel_IsFoundAcrossPages_Deleted_AndAnnouncedPublicly()
    {
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel("here: " + _leaked));
        Assert.Empty(_openai.Unexpected.Select(r => r.Method + " " + r.Path + r.Query));

        Assert.Equal(["delete", "send", "send"], sink.Calls.Select(c => c.Call));
        Assert.Equal(ReplyKind.Exposure, sink.Replies.First().Kind);
        var announcement = sink.Last;
        Assert.Equal(ReplyVisibility.Public, announcement.Visibility);
        Assert.Contains("Revoked", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("sk-proj-…" + _leaked[^4..], announcement.Text, StringComparison.Ordinal);
        Assert.Contains("project Prod (proj_prod)", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("cannot restore", announcement.Text, StringComparison.Ordinal);
        Assert.Equal(["key_ddd"], _openaiAdmin.DeletedKeyIds);

        // the key's own project (openai-project) is listed first; every project is still listed; pages followed
        var keyLists = _openai.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/api_keys", StringComparison.Ordinal)).ToList();
        Assert.Equal("/v1/organization/projects/proj_prod/api_keys", keyLists[0].Path);
        Assert.All(keyLists, r => Assert.Contains("owner_project_access=any", r.Query, StringComparison.Ordinal));
        Assert.Contains(keyLists, r => r.Query.Contains("after=key_ccc", StringComparison.Ordinal));
        Assert.Contains(_openai.Requests, r => r.Path == "/v1/organization/projects" && r.Query.Contains("after=proj_web", StringComparison.Ordinal));
        Assert.All(_openai.Requests.Where(r => r.Path.StartsWith("/v1/organization", StringComparison.Ordinal)), r => Assert.Equal("Bearer " + OpenAIAdminKey, r.Header("Authorization")));
        Assert.Empty(_openai.Unexpected);
        AssertNoLeak(h, sink);
    }

    [Fact]
    public async Task OpenAIKey_PastedAgain_AfterItWasRevoked_SaysItAlreadyDoesNotWork()
    {
        using var h = Harness();
        await h.SendAsync(ConversationHarness.InChannel(_leaked));

        var again = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Contains("already does not work", again.Last.Text, StringComparison.Ordinal);
        Assert.Single(_openaiAdmin.DeletedKeyIds);
        AssertNoLeak(h, again);
    }

    [Fact]
    public async Task OpenAIFake_ASecondDeleteOfTheSameKey_Answers404()
    {
        using var h = Harness();
        await h.SendAsync(ConversationHarness.InChannel(_leaked));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(_openai.BaseUrl, "/v1/organization/projects/proj_prod/api_keys/key_ddd"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIAdminKey);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task OpenAIKey_DeletedBySomeoneElseMeanwhile_The404IsReported_NotAFailure()
    {
        using var h = Harness();
        _openai.Enqueue("DELETE", "/v1/organization/projects/proj_prod/api_keys/key_ddd", FakeResponse.Json(404, """{"error":{"message":"No such API key: key_ddd","type":"invalid_request_error","param":null,"code":null}}"""));

        var sink = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Contains("already does not work", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("deleted meanwhile", sink.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIKey_WithoutTheProjectHeader_IsStillFound()
    {
        using var h = Harness();
        _openaiAdmin.SendsProjectHeader = false;

        var sink = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Contains("Revoked", sink.Last.Text, StringComparison.Ordinal);
        Assert.Equal(["key_ddd"], _openaiAdmin.DeletedKeyIds);
    }

    [Fact]
    public async Task OpenAIServiceAccountKey_TheApiRefusesTheKeyDelete_ItsServiceAccountGoes()
    {
        var svc = "sk-svcacct-" + TestKeys.OpenAIProject()[8..];
        _openaiAdmin.AddKey("proj_web", "key_svc", "ci", svc, serviceAccountId: "svc_acct_abc");
        _openaiAdmin.RefusesServiceAccountKeyDelete = true;
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel(svc));

        Assert.Contains("Revoked", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("service account", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains(_openai.Requests, r => r.Method == "DELETE" && r.Path == "/v1/organization/projects/proj_web/service_accounts/svc_acct_abc");
        AssertNoLeak(h, sink, svc);
    }

    [Fact]
    public async Task DryRun_SaysWhatItWouldDo_AndChangesNothing()
    {
        using var h = Harness(("Revocation:DryRun", "true"));

        var sink = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Contains("Dry run", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("project Prod", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_openaiAdmin.DeletedKeyIds);
        Assert.DoesNotContain(_openai.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task AProjectKeyConfiguredAsTheAdminKey_Is403_NothingChanges_TheOperatorIsPointedAtTheSetting()
    {
        using var h = HarnessWith(environment: new() { ["OPENAI_ADMIN_KEY"] = _other, ["ANTHROPIC_ADMIN_KEY"] = AnthropicAdminKey });

        var sink = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Contains("Not revoked", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("refused the admin key (403)", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Revocation:OpenAI", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_openaiAdmin.DeletedKeyIds);
        AssertNoLeak(h, sink, _other);
    }

    [Fact]
    public async Task AnUnknownKey_IsNotFound_AndNothingIsDeleted()
    {
        var stranger = TestKeys.OpenAIProject();
        _openai.On("GET", "/v1/models", FakeResponse.Json(200, """{"object":"list","data":[]}"""));
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel(stranger));

        Assert.Contains("not one I can manage", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_openaiAdmin.DeletedKeyIds);
        AssertNoLeak(h, sink, stranger);
    }

    [Fact]
    public async Task SlowAdminApi_IsBoundedByTheTimeout_AndSaysSo()
    {
        var gate = new TaskCompletionSource();
        _openai.WithGate("GET", "/v1/organization/projects", gate.Task);
        using var h = Harness();

        var running = h.SendAsync(ConversationHarness.InChannel(_leaked));
        await _openai.WaitForRequestsAsync(2); // the key's own answer, then the projects list, held
        h.Time.Advance(TimeSpan.FromSeconds(20));
        var sink = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        gate.SetResult();

        Assert.Contains("did not finish within 20 s", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_openaiAdmin.DeletedKeyIds);
    }

    [Fact]
    public async Task AnthropicKey_IsDeactivated_InItsWorkspace_AndTheUndoIsSaid()
    {
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel("claude " + _claude));

        var text = sink.Last.Text;
        Assert.Contains("Revoked", text, StringComparison.Ordinal);
        Assert.Contains("deactivated", text, StringComparison.Ordinal);
        Assert.Contains("workspace wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", text, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"active\"", text, StringComparison.Ordinal);
        Assert.Equal(["apikey_03"], _anthropicAdmin.InactiveKeyIds);
        var update = Assert.Single(_anthropic.Requests, r => r.Method == "POST");
        Assert.Equal("/v1/organizations/api_keys/apikey_03", update.Path);
        Assert.Equal("""{"status":"inactive"}""", update.Body);
        Assert.Equal("2023-06-01", update.Header("anthropic-version"));
        Assert.Contains(_anthropic.Requests, r => r.Query.Contains("after_id=apikey_02", StringComparison.Ordinal));
        Assert.Empty(_anthropic.Unexpected);
        AssertNoLeak(h, sink);
    }

    [Fact]
    public async Task AnthropicKey_TwoKeysFitTheHint_NothingIsDone_AndItSaysSo()
    {
        var twin = _claude[..16] + new string('z', _claude.Length - 20) + _claude[^4..];
        _anthropicAdmin.AddKey("apikey_04", "Twin", twin);
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel(_claude));

        Assert.Contains("Not revoked: 2 active keys fit", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("identify for certain", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_anthropicAdmin.InactiveKeyIds);
        Assert.DoesNotContain(_anthropic.Requests, r => r.Method == "POST");
        AssertNoLeak(h, sink, twin);
    }

    [Fact]
    public async Task AnthropicKey_OfAnotherOrganisation_IsLeftAlone()
    {
        var foreign = TestKeys.Anthropic();
        _anthropicAdmin.AddKey("apikey_09", "Theirs", foreign, organizationId: "99999999-0000-0000-0000-000000000000");
        using var h = Harness();

        var sink = await h.SendAsync(ConversationHarness.InChannel(foreign));

        Assert.Contains("another Anthropic organisation", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_anthropicAdmin.InactiveKeyIds);
        Assert.DoesNotContain(_anthropic.Requests, r => r.Path == "/v1/organizations/api_keys");
    }

    [Fact]
    public async Task AnthropicRegularKeyAsTheAdminKey_Is403_NothingChanges()
    {
        using var h = HarnessWith(environment: new() { ["OPENAI_ADMIN_KEY"] = OpenAIAdminKey, ["ANTHROPIC_ADMIN_KEY"] = _claude });

        var sink = await h.SendAsync(ConversationHarness.InChannel(TestKeys.Anthropic() + " and " + _leaked));

        Assert.Contains(sink.Replies, r => r.Text.Contains("Anthropic refused the admin key (403)", StringComparison.Ordinal));
        Assert.Contains(sink.Replies, r => r.Text.Contains("project Prod", StringComparison.Ordinal));
        Assert.Empty(_anthropicAdmin.InactiveKeyIds);
    }

    [Fact]
    public async Task RevocationOff_NoAdminApiIsCalled()
    {
        using var h = Harness(("Revocation:Enabled", "false"));

        var sink = await h.SendAsync(ConversationHarness.InChannel(_leaked));

        Assert.Equal(ReplyKind.Exposure, sink.Last.Kind);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task ATeamKey_IsRevoked_TheTeamIsTold_AndTheMonitorGetsTheReason()
    {
        var notices = new RecordingTeamNotices();
        using var withNotices = HarnessWith(
            configure: s => s.AddSingleton<ITeamNotices>(notices),
            settings: [("TeamKeys:0:Name", "prod-openai"), ("TeamKeys:0:Provider", "openai"), ("TeamKeys:0:KeyEnv", "PROD_OPENAI")]);

        var sink = await withNotices.SendAsync(ConversationHarness.InChannel(_leaked));

        var (names, notice) = Assert.Single(notices.Queued);
        Assert.Equal(["prod-openai"], names);
        Assert.Contains("was revoked by ChatOpsBot", notice.Text, StringComparison.Ordinal);
        Assert.Contains("a Discord channel", notice.Text, StringComparison.Ordinal);
        var note = await withNotices.Get<RevokedKeyNotes>().PeekAsync("prod-openai", TestContext.Current.CancellationToken);
        Assert.Contains("revoked by ChatOpsBot", note, StringComparison.Ordinal);
        Assert.Contains("pasted in a Discord channel", note, StringComparison.Ordinal);
        LeakAssert.NoSecret(notice.Text + note, _leaked, OpenAIAdminKey);
        AssertNoLeak(withNotices, sink);
    }

    [Theory]
    [InlineData("Revocation:OpenAI:AdminKeyFile", "/run/secrets/x", "not both")]
    [InlineData("Revocation:Gemini:AdminKeyEnv", "X", "Gemini")]
    [InlineData("Revocation:OpenAI:BaseUrl", "ftp://example.com", "absolute http(s) URL")]
    [InlineData("Revocation:Timeout", "00:00:00", "Revocation:Timeout")]
    public void BadSettings_StopTheStart_NamingTheSetting(string setting, string value, string expected)
    {
        using var h = Harness((setting, value));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(h.ValidateOnStart);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private ConversationHarness Harness(params (string Key, string Value)[] overrides) => HarnessWith(null, null, overrides);

    private ConversationHarness HarnessWith(Dictionary<string, string>? environment = null, Action<IServiceCollection>? configure = null, params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string?>
        {
            ["Revocation:Enabled"] = "true",
            ["Revocation:OpenAI:AdminKeyEnv"] = "OPENAI_ADMIN_KEY",
            ["Revocation:OpenAI:BaseUrl"] = _openai.BaseUrl.ToString(),
            ["Revocation:Anthropic:AdminKeyEnv"] = "ANTHROPIC_ADMIN_KEY",
            ["Revocation:Anthropic:BaseUrl"] = _anthropic.BaseUrl.ToString(),
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        environment ??= new() { ["OPENAI_ADMIN_KEY"] = OpenAIAdminKey, ["ANTHROPIC_ADMIN_KEY"] = AnthropicAdminKey };
        environment["PROD_OPENAI"] = _leaked;
        return new ConversationHarness(config, environment, configure: configure);
    }

    private void AssertNoLeak(ConversationHarness h, RecordingReplySink sink, params string[] more)
    {
        string[] secrets = [_leaked, _other, _claude, OpenAIAdminKey, AnthropicAdminKey, .. more];
        sink.AssertNoLeak(secrets);
        LeakAssert.NoSecret(string.Join("\n", h.Logs.Select(r => r.Message + " " + r.Exception)), secrets);
    }

    private sealed class RecordingTeamNotices : ITeamNotices
    {
        public List<(IReadOnlyList<string> Names, Reply Notice)> Queued { get; } = [];

        public Task<int> QueueAsync(IReadOnlyList<string> teamKeyNames, Reply notice, CancellationToken cancellationToken)
        {
            Queued.Add((teamKeyNames, notice));
            return Task.FromResult(1);
        }
    }
}

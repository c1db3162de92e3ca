namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// DeepSeek: <c>Authorization: Bearer sk-…</c>, read there only. No bearer sk- value: 401 "auth header format should
/// be Bearer sk-..." (continuedev/continue#10056); an unknown key: 401 "Your api key: ****abcd is invalid", echoing
/// the key's last four characters as DeepSeek does (BerriAI/litellm#10403); a valid key: the documented model list
/// (api-docs.deepseek.com/api/list-models) and balance (api-docs.deepseek.com/api/get-user-balance).
/// </summary>
public static class RealDeepSeek
{
    public static FakeProviderServer AsDeepSeek(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.On("GET", "/models", request => Answer(request, validKeys,
            """{"object":"list","data":[{"id":"deepseek-chat","object":"model","owned_by":"deepseek"},{"id":"deepseek-reasoner","object":"model","owned_by":"deepseek"}]}"""));
        return server.On("GET", "/user/balance", request => Answer(request, validKeys,
            """{"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"}]}"""));
    }

    private static FakeResponse Answer(RecordedRequest request, string[] validKeys, string success)
    {
        var auth = request.Header("Authorization");
        if (auth is null || !auth.StartsWith("Bearer sk-", StringComparison.Ordinal))
        {
            return FakeResponse.Json(401, """{"error":{"message":"Authentication Fails (auth header format should be Bearer sk-...)","type":"authentication_error","param":null,"code":"invalid_request_error"}}""");
        }

        var key = auth["Bearer ".Length..];
        if (validKeys.Contains(key, StringComparer.Ordinal))
        {
            return FakeResponse.Json(200, success);
        }

        var last4 = key.Length >= 4 ? key[^4..] : key;
        return FakeResponse.Json(401, $$$"""{"error":{"message":"Authentication Fails, Your api key: ****{{{last4}}} is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}""");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// one-api and new-api (and relays built on them that rename <c>one_api_error</c>): the gateway's own refusals of the
/// user's token or account (its Chinese or English wording, whatever the status) versus an upstream channel's error
/// relayed with the gateway's request id appended (the upstream's own type and code kept).
/// </summary>
internal static partial class OneApiAnswers
{
    public static Finding? Read(ProbeReading reading, GatewayAnswer answer)
    {
        var message = answer.Message ?? reading.Body.Message ?? "";
        var type = answer.Type ?? "";
        var code = answer.Code ?? "";
        var lower = answer.Lower;
        bool Has(params string[] fragments) => fragments.Any(f => lower.Contains(f, StringComparison.Ordinal));

        // GET /v1/models/{unknown} on one-api answers 200 with an error body: the gateway's own model table.
        if (reading.Status is >= 200 and < 300)
        {
            return code == "model_not_found"
                ? GatewayFindings.Own(reading, VerdictCodes.ModelNotFound, "no such model (an error body under status 200)", message)
                : null;
        }

        // Any upstream 429 after retries: one-api replaces the message, keeps the upstream's type and code.
        if (Has("上游负载已饱和"))
        {
            var cause = code == "insufficient_quota" || type == "insufficient_quota" ? VerdictCodes.QuotaExhausted : VerdictCodes.RateLimited;
            return GatewayFindings.Upstream(reading, cause, null, message);
        }

        var ownType = GatewayRecognizer.OneApiType().IsMatch(type);
        if (Own(lower, message, answer.MessageZh) is { } own)
        {
            return GatewayFindings.Own(reading, own.Code, own.What, message);
        }

        if (ownType || !(GatewayRecognizer.RequestIdSuffix().IsMatch(message) || reading.Response.Header("x-oneapi-request-id") is not null))
        {
            return null; // the gateway's own words this reader does not know: the provider's reading (and the status) goes on
        }

        // The token was accepted and a channel's upstream answered: its error relayed.
        if (type == "upstream_error" && code == "bad_response_status_code")
        {
            var upstreamStatus = int.TryParse(answer.Param, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : reading.Status;
            return GatewayFindings.Upstream(reading, UpstreamCause.ByStatus(upstreamStatus), null, message);
        }

        var upstream = message.Contains("openai.com", StringComparison.OrdinalIgnoreCase) ? "OpenAI" : null;
        return GatewayFindings.Upstream(reading, UpstreamCause.Of($"{message} {type} {code}", reading.Status), upstream, message);
    }

    private static (string Code, string What)? Own(string lower, string message, string? messageZh)
    {
        bool Has(params string[] fragments) => fragments.Any(f => lower.Contains(f, StringComparison.Ordinal));

        return Has("未提供令牌", "no token provided") ? (VerdictCodes.AuthMissingKey, "no token reached the gateway")
            : Has("无效的令牌", "invalid token") ? (VerdictCodes.AuthInvalidKey, "the gateway does not know this token")
            : Has("额度已用尽") ? (VerdictCodes.QuotaExhausted, "this token's own quota on the gateway is used up")
            : Has("insufficient_user_quota", "user quota is not enough", "用户额度不足", "令牌额度不足", "pre_consume_token_quota_failed")
                ? (VerdictCodes.QuotaExhausted, "your account's balance on the gateway is empty")
            : Has("令牌已过期", "token has expired", "token expired") ? (VerdictCodes.AuthInvalidKey, "this token has expired")
            : Has("令牌状态不可用") ? (VerdictCodes.AuthInvalidKey, "this token is disabled")
            : Has("只能在指定网段使用", "不在令牌允许访问") ? (VerdictCodes.NetworkIpNotAllowed, "this token may only be used from other addresses")
            : Has("已被封禁", "has been banned") ? (VerdictCodes.AuthAccountDisabled, "your account on the gateway is disabled")
            : Has("无权使用模型", "无权访问模型", "has no access to model") ? (VerdictCodes.ModelNoAccess, "this token may not use this model")
            : Has("分组") && Has("无权访问", "已被弃用") ? (VerdictCodes.AuthPermissionDenied, "this token may not use its group")
            : Has("无可用渠道", "no available channel") ? NoChannel(message, messageZh)
            : null;
    }

    /// <summary>No channel serves the model in the token's group; an empty model name means the request carried none.</summary>
    private static (string Code, string What) NoChannel(string message, string? messageZh)
    {
        var english = EnglishModel().Match(message);
        var chinese = ChineseModel().Match(messageZh ?? message);
        var model = english.Success ? english.Groups["m"].Value : chinese.Success ? chinese.Groups["m"].Value : "?";
        return model.Length == 0
            ? (VerdictCodes.RequestInvalid, "the request named no model the gateway could route (an unsupported endpoint or an unreadable body)")
            : (VerdictCodes.ModelNotFound, "no channel serves this model in your group (if it used to work, the gateway may have disabled a failing channel: ask its operator)");
    }

    [GeneratedRegex(@"for model (?<m>\S*) (?:in|under) group", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EnglishModel();

    [GeneratedRegex(@"模型 ?(?<m>[^\s]*) ?无可用渠道", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ChineseModel();
}

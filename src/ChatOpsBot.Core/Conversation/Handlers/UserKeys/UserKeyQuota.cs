using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation.Handlers.UserKeys;

/// <summary>
/// How many of a user's own keys one message may have checked: at most <see cref="ConversationOptions.MaxKeysPerMessage"/>
/// per message, and for rate-limited users what <see cref="UserKeyLimiter"/> grants in the hour.
/// </summary>
public sealed class UserKeyQuota(UserKeyLimiter limiter, TimeProvider timeProvider, IOptions<AccessOptions> accessOptions, IOptions<ConversationOptions> options)
{
    /// <summary>Keys one message may have checked.</summary>
    public int MaxKeysPerMessage => options.Value.MaxKeysPerMessage;

    /// <summary>
    /// Takes up to <paramref name="wanted"/> checks for <paramref name="user"/> (users outside the limit get all).
    /// Returns how many were granted; with none, <paramref name="refusal"/> says why and when to try again; with some
    /// but fewer, <paramref name="note"/> says what was left out.
    /// </summary>
    public int Acquire(ChatUser user, int wanted, out Reply? refusal, out string? note)
    {
        ArgumentNullException.ThrowIfNull(user);
        refusal = null;
        note = null;
        if (wanted == 0 || !AccessPolicy.IsRateLimited(user))
        {
            return wanted;
        }

        var granted = limiter.Acquire(user.LimiterKey, wanted, out var retryAt);
        if (granted == 0)
        {
            refusal = ConversationTexts.RateLimited(retryAt!.Value, timeProvider.GetUtcNow(), accessOptions.Value.UserKeyChecksPerHour);
        }
        else if (granted < wanted)
        {
            note = $"{wanted - granted} key{(wanted - granted == 1 ? " was" : "s were")} not checked: you reached the hourly limit; try again in {ConversationTexts.Wait(retryAt!.Value - timeProvider.GetUtcNow())}.";
        }

        return granted;
    }
}

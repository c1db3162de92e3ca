using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation;

/// <summary>Checks <see cref="ConversationOptions"/> when the host starts, every problem at once (plain code: no reflection).</summary>
public sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxKeysPerMessage is < 1 or > 10)
        {
            failures.Add("Conversation:MaxKeysPerMessage must be between 1 and 10.");
        }

        if (options.ResultRetention < TimeSpan.FromMinutes(1) || options.ResultRetention > TimeSpan.FromDays(1))
        {
            failures.Add("Conversation:ResultRetention must be between 00:01:00 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

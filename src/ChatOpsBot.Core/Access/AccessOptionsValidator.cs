using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Access;

/// <summary>Checks <see cref="AccessOptions"/> when the host starts (plain code: no reflection).</summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UserKeyChecksPerHour is < 1 or > 1000
            ? ValidateOptionsResult.Fail("Access:UserKeyChecksPerHour must be between 1 and 1000.")
            : ValidateOptionsResult.Success;
    }
}

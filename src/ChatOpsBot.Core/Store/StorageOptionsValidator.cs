using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Store;

/// <summary>Checks <c>Storage</c> when the host starts: every bad setting named at once, no secret quoted.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new ValidateOptionsResultBuilder();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.AddError("Storage:Provider must be sqlite or postgres.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.AddError("Storage:Provider is postgres but Storage:ConnectionString is empty: set it (best from a secret file), for example Host=db;Database=chatopsbot;Username=chatopsbot;Password=….");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(2) || options.LeaseDuration > StorageOptions.MaxLeaseDuration)
        {
            failures.AddError($"Storage:LeaseDuration must be between 00:00:02 and 00:00:30 (it is {options.LeaseDuration}).");
        }

        return failures.Build();
    }
}

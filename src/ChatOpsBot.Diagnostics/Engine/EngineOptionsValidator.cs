using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Checks <see cref="EngineOptions"/> when the host starts, every problem at once (plain code: no reflection).</summary>
public sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(failures, nameof(EngineOptions.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Range(failures, nameof(EngineOptions.AttemptTimeout), options.AttemptTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Range(failures, nameof(EngineOptions.RetryDelay), options.RetryDelay, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{EngineOptions.SectionName}:{setting} must be between {min:c} and {max:c}.");
        }
    }
}

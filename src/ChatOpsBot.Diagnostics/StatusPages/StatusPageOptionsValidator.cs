using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>Checks <see cref="StatusPageOptions"/> when the host starts and names every bad setting at once.</summary>
public sealed class StatusPageOptionsValidator : IValidateOptions<StatusPageOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        foreach (var problem in options.Problems)
        {
            builder.AddError(problem);
        }

        if (options.RefreshEvery < TimeSpan.FromSeconds(10) || options.RefreshEvery > TimeSpan.FromDays(1))
        {
            builder.AddError($"{StatusPageOptions.SectionName}:RefreshEvery must be between 00:00:10 and 1.00:00:00 (the pages ask for no more than one fetch a minute; the default is 00:01:00).");
        }

        return builder.Build();
    }
}

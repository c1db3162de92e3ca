namespace ChatOpsBot.Core.Monitor;

/// <summary>Why an alert goes out.</summary>
public enum AlertReason
{
    /// <summary>The target started failing (after enough failures in a row).</summary>
    Failing,

    /// <summary>Still failing, but with another verdict (<c>rate.limited</c> → <c>quota.exhausted</c>).</summary>
    VerdictChanged,

    /// <summary>Still failing with the same verdict: a reminder.</summary>
    Reminder,

    /// <summary>It keeps switching between working and failing: one alert, then quiet until stable.</summary>
    Flapping,

    /// <summary>It works again.</summary>
    Recovered,
}

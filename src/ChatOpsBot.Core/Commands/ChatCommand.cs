using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Commands;

/// <summary>A parsed command. Never holds a key: key-shaped text is taken by <c>KeyIntake</c>, not here.</summary>
public sealed record ChatCommand
{
    public static ChatCommand NotACommand { get; } = new() { Kind = CommandKind.None };

    public required CommandKind Kind { get; init; }

    /// <summary>True when the command came with a leading slash or as a platform's structured command.</summary>
    public bool Slashed { get; init; }

    /// <summary>The providers named (aliases resolved); every provider for <c>all</c>; empty when none was named.</summary>
    public IReadOnlyList<ProviderId> Providers { get; init; } = [];

    /// <summary>True when <c>midjourney</c> was named (Discord-side checks, a later issue).</summary>
    public bool Midjourney { get; init; }

    /// <summary>Also check access to this model.</summary>
    public string? Model { get; init; }

    /// <summary>Also run the deep (1-token) check.</summary>
    public bool Deep { get; init; }

    /// <summary>The team key to use, by name (<c>key:prod</c>, or a bare word naming a team key).</summary>
    public string? KeyName { get; init; }

    /// <summary>Why the command could not be understood (an unknown option or provider), for the help reply.</summary>
    public string? Problem { get; init; }

    /// <summary>For <see cref="CommandKind.Alerts"/>: which subcommand (null with a <see cref="Problem"/>).</summary>
    public AlertAction? Alert { get; init; }

    /// <summary>For <c>/alerts mute|unmute</c>: the monitor target's name.</summary>
    public string? Target { get; init; }

    /// <summary>For <c>/alerts mute</c>: how long.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Bare words after the provider, in order; the service decides whether one names a team key.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}

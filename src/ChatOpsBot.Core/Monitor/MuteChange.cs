namespace ChatOpsBot.Core.Monitor;

/// <summary>What a mute did; <see cref="Until"/> is null when unmuted or the target is unknown.</summary>
public sealed record MuteChange(bool TargetFound, DateTimeOffset? Until, IReadOnlyList<string> KnownTargets);

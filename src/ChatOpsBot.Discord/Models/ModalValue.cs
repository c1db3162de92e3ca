namespace ChatOpsBot.Discord.Models;

/// <summary>A submitted text input.</summary>
public sealed record ModalValue(string CustomId, string Value);

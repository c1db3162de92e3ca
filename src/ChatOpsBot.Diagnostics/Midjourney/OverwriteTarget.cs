namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>Whom a channel overwrite is for.</summary>
public enum OverwriteTarget
{
    Role = 0,
    Member = 1,
}

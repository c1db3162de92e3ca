namespace ChatOpsBot.Core.Replies;

/// <summary>
/// A small picture that goes with a reply (the <c>/status</c> availability chart). Platforms that show images attach
/// it (Discord: a file referenced from the embed; Telegram: a photo); the others ignore it, so the text must stand alone.
/// </summary>
/// <param name="FileName">A plain ASCII file name ending in <c>.png</c>.</param>
/// <param name="Png">The PNG bytes (a few tens of KB at most).</param>
/// <param name="AltText">What the picture shows, in words.</param>
public sealed record ReplyImage(string FileName, ReadOnlyMemory<byte> Png, string AltText);

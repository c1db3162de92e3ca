namespace ChatOpsBot.Discord.Rest;

/// <summary>A file uploaded with a message as <c>files[n]</c> (DDOCS reference.mdx#uploading-files).</summary>
/// <param name="FileName">A plain ASCII name (<c>status.png</c>); what <c>attachment://</c> URLs refer to.</param>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The part's Content-Type.</param>
/// <param name="Description">Alt text (at most 1,024 characters).</param>
public sealed record DiscordFile(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "image/png", string? Description = null)
{
    /// <summary>The URL an embed uses to show this file: <c>attachment://&lt;filename&gt;</c>.</summary>
    public string AttachmentUrl => "attachment://" + FileName;
}

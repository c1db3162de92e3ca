namespace ChatOpsBot.Testing;

/// <summary>Small valid images for upload tests.</summary>
public static class TestImages
{
    /// <summary>A valid 1×1 PNG (67 bytes): signature, IHDR, IDAT, IEND.</summary>
    public static byte[] Png1x1 { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>True when <paramref name="bytes"/> start with the PNG signature and end with an IEND chunk.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 20 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })
        && bytes[^8..^4].SequenceEqual("IEND"u8);
}

using System.Buffers.Binary;
using SkiaSharp;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>What a test may check of a PNG: its signature and IHDR, and (decoded) which colours it holds.</summary>
internal static class PngFacts
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and a first IHDR chunk; returns its width and height.</summary>
    public static (int Width, int Height) Header(ReadOnlySpan<byte> png)
    {
        Assert.True(png.Length > 33, "too short for a PNG");
        Assert.True(png[..8].SequenceEqual(Signature), "no PNG signature");
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png[8..12]));
        Assert.Equal("IHDR"u8.ToArray(), png[12..16].ToArray());
        return (BinaryPrimitives.ReadInt32BigEndian(png[16..20]), BinaryPrimitives.ReadInt32BigEndian(png[20..24]));
    }

    /// <summary>How many pixels are within a small distance of <paramref name="rgb"/> (0xRRGGBB).</summary>
    public static int PixelsNear(ReadOnlyMemory<byte> png, uint rgb, int tolerance = 24)
    {
        using var bitmap = SKBitmap.Decode(png.ToArray());
        Assert.NotNull(bitmap);
        var (r, g, b) = ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        var count = 0;
        foreach (var p in bitmap.Pixels)
        {
            if (Math.Abs(p.Red - r) <= tolerance && Math.Abs(p.Green - g) <= tolerance && Math.Abs(p.Blue - b) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>How many distinct colours the picture holds.</summary>
    public static int Colours(ReadOnlyMemory<byte> png)
    {
        using var bitmap = SKBitmap.Decode(png.ToArray());
        return bitmap.Pixels.Select(p => (uint)p).Distinct().Count();
    }
}

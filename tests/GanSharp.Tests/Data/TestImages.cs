using SkiaSharp;

namespace GanSharp.Tests.Data;

/// <summary>Writes small PNG and JPEG files with SkiaSharp for the image folder tests.</summary>
internal static class TestImages
{
    /// <summary>Writes a colour image whose pixel (x, y) is <paramref name="color"/>(x, y), encoded by the file's extension.</summary>
    public static string Write(string path, int width, int height, Func<int, int, SKColor> color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, color(x, y));
            }
        }

        Encode(bitmap, path);
        return path;
    }

    /// <summary>Writes a one-channel (Gray8) PNG whose pixel (x, y) is <paramref name="level"/>(x, y).</summary>
    public static string WriteGrey(string path, int width, int height, Func<int, int, byte> level)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y * bitmap.RowBytes + x] = level(x, y);
            }
        }

        Encode(bitmap, path);
        return path;
    }

    /// <summary>Writes a uniform image of one colour.</summary>
    public static string WriteFlat(string path, int width, int height, SKColor color) =>
        Write(path, width, height, (_, _) => color);

    private static void Encode(SKBitmap bitmap, string path)
    {
        var format = Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png;
        using var data = bitmap.Encode(format, 95) ?? throw new InvalidOperationException($"SkiaSharp failed to encode {path}.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }
}

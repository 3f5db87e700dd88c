using SkiaSharp;

namespace GanSharp.Data;

/// <summary>
/// Decodes one PNG or JPEG file with SkiaSharp, scales it so that its short side is the target size, keeping the
/// aspect ratio, and crops the centre square.
/// </summary>
/// <remarks>
/// Transparent pixels are composited onto black. Grey output is the luma 0.299 R + 0.587 G + 0.114 B of ITU-R BT.601.
/// NOTE: the EXIF orientation of JPEG files is not applied, so photos stored rotated stay rotated.
/// </remarks>
internal static class ImageFileDecoder
{
    /// <summary>
    /// Largest decoded image accepted, in pixels (about 400 MB as RGBA), so that a hostile file cannot exhaust memory.
    /// </summary>
    public const long MaxDecodedPixels = 100_000_000;

    /// <summary>
    /// Writes the <paramref name="channels"/> × <paramref name="size"/> × <paramref name="size"/> bytes of the image
    /// at <paramref name="path"/>, channel by channel and row by row, into <paramref name="target"/>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not a PNG or JPEG image that SkiaSharp can decode.</exception>
    public static void Decode(string path, int size, int channels, Span<byte> target)
    {
        using var source = DecodeFile(path, size);
        using var square = CropSquare(source, size);
        WritePixels(square, channels, target);
    }

    private static SKBitmap DecodeFile(string path, int size)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read image file {path}: {exception.Message.Split('\n')[0]} Check its permissions or remove it from the folder.", exception);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
                          ?? throw new InvalidDataException($"Invalid image file {path}: it is not a PNG or JPEG image. Remove it from the folder or convert it.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            throw new InvalidDataException(
                $"Invalid image file {path}: it holds {codec.EncodedFormat} data, but only PNG and JPEG are read. Convert it or remove it from the folder.");
        }

        // JPEG decoders can scale by eighths while decoding, which saves memory and time for large photos.
        var full = codec.Info;
        var shortSide = Math.Min(full.Width, full.Height);
        var scaled = codec.GetScaledDimensions(Math.Min(1f, size / (float)Math.Max(1, shortSide)));
        var dimensions = Math.Min(scaled.Width, scaled.Height) >= Math.Min(size, shortSide) ? scaled : full.Size;
        if ((long)dimensions.Width * dimensions.Height > MaxDecodedPixels)
        {
            throw new InvalidDataException(
                $"Invalid image file {path}: {full.Width}×{full.Height} pixels exceed the limit of {MaxDecodedPixels:N0}. Shrink the image or remove it from the folder.");
        }

        var info = new SKImageInfo(dimensions.Width, dimensions.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException(
                $"Invalid image file {path}: decoding failed with {result}, so the file is damaged or truncated. Replace it or remove it from the folder.");
        }

        return bitmap;
    }

    private static SKBitmap CropSquare(SKBitmap source, int size)
    {
        // Scale the short side to size, then centre the result on a size × size canvas so the overflow is cut off.
        var scale = size / (float)Math.Min(source.Width, source.Height);
        var width = source.Width * scale;
        var height = source.Height * scale;
        var destination = SKRect.Create((size - width) / 2, (size - height) / 2, width, height);

        var square = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(square);
        using var image = SKImage.FromBitmap(source);
        canvas.Clear(SKColors.Black);
        canvas.DrawImage(image, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        return square;
    }

    private static void WritePixels(SKBitmap square, int channels, Span<byte> target)
    {
        // Premultiplied RGBA equals the image composited onto black, because the alpha is dropped here.
        var pixels = square.GetPixelSpan();
        var planeSize = square.Width * square.Height;
        for (var pixel = 0; pixel < planeSize; pixel++)
        {
            var red = pixels[4 * pixel];
            var green = pixels[4 * pixel + 1];
            var blue = pixels[4 * pixel + 2];
            if (channels == 1)
            {
                target[pixel] = (byte)Math.Round(0.299 * red + 0.587 * green + 0.114 * blue, MidpointRounding.AwayFromZero);
            }
            else
            {
                target[pixel] = red;
                target[planeSize + pixel] = green;
                target[2 * planeSize + pixel] = blue;
            }
        }
    }
}

using GanSharp.Data;
using GanSharp.Runtime;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Reporting;

/// <summary>Draws a batch of images as one PNG grid of tiles, filled row by row.</summary>
public static class ImageGrid
{
    /// <summary>Default width, in output pixels, of the border around and between tiles.</summary>
    public const int DefaultPadding = 2;

    /// <summary>Colour of the border and of unused cells in the last row.</summary>
    public static readonly SKColor PaddingColor = new(48, 48, 48);

    /// <summary>
    /// Draws <paramref name="images"/> as a grid and writes the PNG to <paramref name="path"/> with
    /// <see cref="AtomicFile"/>. <see cref="EncodePng"/> describes the other parameters and the size.
    /// </summary>
    public static void Save(
        Tensor images, PixelRange range, string path, int? columns = null, int scale = 1, int padding = DefaultPadding)
    {
        var png = EncodePng(images, range, columns, scale, padding);
        AtomicFile.WriteAllBytes(path, png);
    }

    /// <summary>Draws <paramref name="images"/> as a grid and returns the PNG file content.</summary>
    /// <param name="images">
    /// Float tensor of shape [N, C, H, W] with C = 1 (grey) or C = 3 (red, green, blue), on any device.
    /// </param>
    /// <param name="range">Range the pixel values are scaled to. Values outside it are clamped.</param>
    /// <param name="columns">
    /// Tiles per row; <c>null</c> means ceil(sqrt(N)). Cells after the last image are left in the padding colour.
    /// </param>
    /// <param name="scale">Integer upscale factor; each pixel becomes a scale × scale block.</param>
    /// <param name="padding">Border width, in output pixels, around and between tiles; it is not scaled.</param>
    /// <returns>
    /// A PNG of width columns · W · scale + (columns + 1) · padding and height rows · H · scale + (rows + 1) · padding,
    /// where rows = ceil(N / columns).
    /// </returns>
    public static byte[] EncodePng(
        Tensor images, PixelRange range, int? columns = null, int scale = 1, int padding = DefaultPadding)
    {
        using var bitmap = Render(images, range, columns, scale, padding);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
                         ?? throw new InvalidOperationException("SkiaSharp failed to encode the image grid as PNG.");
        return data.ToArray();
    }

    /// <summary>
    /// Draws <paramref name="images"/> as a grid into a new bitmap that the caller disposes.
    /// <see cref="EncodePng"/> describes the parameters and the size.
    /// </summary>
    public static SKBitmap Render(
        Tensor images, PixelRange range, int? columns = null, int scale = 1, int padding = DefaultPadding)
    {
        var layout = GridLayout.Create(images, columns, scale, padding);
        var pixels = ReadPixels(images);

        var bitmap = new SKBitmap(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        try
        {
            var target = bitmap.GetPixelSpan();
            Fill(target, PaddingColor);
            for (var index = 0; index < layout.Count; index++)
            {
                DrawTile(target, layout, pixels, index, range);
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Maps one stored pixel value to the 8-bit intensity round(clamp(v, 0, 1) · 255), where v is the value
    /// scaled to [0, 1].
    /// </summary>
    /// <remarks>NaN becomes 0, so a diverged generator produces black pixels instead of an error.</remarks>
    public static byte ToByte(float value, PixelRange range)
    {
        var unit = range switch
        {
            PixelRange.ZeroToOne => value,
            PixelRange.MinusOneToOne => (value + 1f) * 0.5f,
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Invalid pixel range. Expected ZeroToOne or MinusOneToOne."),
        };

        if (float.IsNaN(unit))
        {
            return 0;
        }

        return (byte)MathF.Round(Math.Clamp(unit, 0f, 1f) * 255f, MidpointRounding.AwayFromZero);
    }

    private static float[] ReadPixels(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return images.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    private static void Fill(Span<byte> target, SKColor color)
    {
        for (var offset = 0; offset < target.Length; offset += 4)
        {
            target[offset] = color.Red;
            target[offset + 1] = color.Green;
            target[offset + 2] = color.Blue;
            target[offset + 3] = 255;
        }
    }

    private static void DrawTile(Span<byte> target, GridLayout layout, float[] pixels, int index, PixelRange range)
    {
        var left = layout.Padding + (index % layout.Columns) * (layout.TileWidth + layout.Padding);
        var top = layout.Padding + (index / layout.Columns) * (layout.TileHeight + layout.Padding);
        var planeSize = layout.ImageHeight * layout.ImageWidth;
        var imageOffset = index * layout.Channels * planeSize;

        for (var y = 0; y < layout.ImageHeight; y++)
        {
            for (var x = 0; x < layout.ImageWidth; x++)
            {
                // Each channel is a separate [H, W] plane. A grey image repeats its one plane in red, green and blue.
                var source = imageOffset + y * layout.ImageWidth + x;
                var red = ToByte(pixels[source], range);
                var green = layout.Channels == 3 ? ToByte(pixels[source + planeSize], range) : red;
                var blue = layout.Channels == 3 ? ToByte(pixels[source + 2 * planeSize], range) : red;

                for (var dy = 0; dy < layout.Scale; dy++)
                {
                    var row = (top + y * layout.Scale + dy) * layout.Width;
                    for (var dx = 0; dx < layout.Scale; dx++)
                    {
                        var offset = 4 * (row + left + x * layout.Scale + dx);
                        target[offset] = red;
                        target[offset + 1] = green;
                        target[offset + 2] = blue;
                        target[offset + 3] = 255;
                    }
                }
            }
        }
    }

    /// <summary>Sizes of the input batch and of the grid drawn from it, in pixels.</summary>
    private sealed record GridLayout(
        int Count, int Channels, int ImageHeight, int ImageWidth, int Columns, int Rows, int Scale, int Padding)
    {
        // The limit keeps width · height · 4 bytes of the bitmap within int range.
        private const long MaxPixels = int.MaxValue / 4;

        public int TileWidth => ImageWidth * Scale;

        public int TileHeight => ImageHeight * Scale;

        public int Width => Columns * TileWidth + (Columns + 1) * Padding;

        public int Height => Rows * TileHeight + (Rows + 1) * Padding;

        public static GridLayout Create(Tensor images, int? columns, int scale, int padding)
        {
            ArgumentNullException.ThrowIfNull(images);
            var shape = images.shape;
            if (shape.Length != 4)
            {
                throw new ArgumentException(
                    $"Expected an image batch of shape [N, C, H, W], got [{string.Join(", ", shape)}].", nameof(images));
            }

            if (shape[1] is not (1 or 3))
            {
                throw new ArgumentException(
                    $"Expected 1 (grey) or 3 (RGB) channels, got {shape[1]} in shape [{string.Join(", ", shape)}].",
                    nameof(images));
            }

            if (shape[0] < 1 || shape[2] < 1 || shape[3] < 1)
            {
                throw new ArgumentException(
                    $"The image batch is empty: shape [{string.Join(", ", shape)}].", nameof(images));
            }

            if (!images.is_floating_point())
            {
                throw new ArgumentException($"Expected a floating-point tensor, got {images.dtype}.", nameof(images));
            }

            if (columns is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), columns, "The number of columns must be at least 1.");
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(padding);

            var count = shape[0];
            var columnCount = columns ?? (long)Math.Ceiling(Math.Sqrt(count));
            var rowCount = (count + columnCount - 1) / columnCount;

            var width = columnCount * shape[3] * scale + (columnCount + 1) * padding;
            var height = rowCount * shape[2] * scale + (rowCount + 1) * padding;
            if (width * height > MaxPixels || width > int.MaxValue || height > int.MaxValue)
            {
                throw new ArgumentException(
                    $"The grid would be {width} × {height} pixels, more than the {MaxPixels} pixels allowed; "
                    + "pass fewer images or a smaller scale.",
                    nameof(images));
            }

            return new GridLayout(
                (int)count, (int)shape[1], (int)shape[2], (int)shape[3], (int)columnCount, (int)rowCount, scale, padding);
        }
    }
}

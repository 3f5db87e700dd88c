using GanSharp.Data;
using GanSharp.Reporting;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Tests.Reporting;

public sealed class ImageGridTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    // count, channels, height, width, columns, padding, scale, expected width, expected height
    [InlineData(16, 1, 28, 28, null, 2, 1, 4 * 28 + 5 * 2, 4 * 28 + 5 * 2)]
    [InlineData(16, 1, 28, 28, null, 2, 2, 4 * 56 + 5 * 2, 4 * 56 + 5 * 2)]
    [InlineData(5, 3, 8, 6, null, 2, 2, 3 * 12 + 4 * 2, 2 * 16 + 3 * 2)]
    [InlineData(7, 1, 5, 5, 7, 1, 1, 7 * 5 + 8 * 1, 5 + 2 * 1)]
    [InlineData(3, 1, 2, 2, 5, 2, 1, 5 * 2 + 6 * 2, 2 + 2 * 2)]
    [InlineData(1, 1, 4, 4, null, 0, 3, 12, 12)]
    public void Save_HasExpectedSize(
        int count, int channels, int height, int width, int? columns, int padding, int scale,
        int expectedWidth, int expectedHeight)
    {
        var path = directory.File("grid.png");
        using var images = torch.rand(count, channels, height, width);

        ImageGrid.Save(images, PixelRange.ZeroToOne, path, columns, scale, padding);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(expectedWidth, bitmap.Width);
        Assert.Equal(expectedHeight, bitmap.Height);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void Save_ZeroToOneHalfIsMidGrey()
    {
        using var images = torch.zeros(1, 1, 4, 4);
        images[0, 0, 0, 0] = torch.tensor(0.5f);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        var pixel = bitmap.GetPixel(2, 2);
        Assert.InRange(pixel.Red, 127, 129);
        Assert.Equal(pixel.Red, pixel.Green);
        Assert.Equal(pixel.Red, pixel.Blue);
        Assert.Equal(0, bitmap.GetPixel(3, 2).Red);
    }

    [Fact]
    public void Save_MinusOneToOneRange()
    {
        using var images = torch.zeros(1, 1, 2, 2);
        images[0, 0, 0, 1] = torch.tensor(-1f);
        images[0, 0, 1, 0] = torch.tensor(1f);

        using var bitmap = SaveAndDecode(images, PixelRange.MinusOneToOne, scale: 1);

        Assert.InRange(bitmap.GetPixel(2, 2).Red, 127, 129);
        Assert.Equal(0, bitmap.GetPixel(3, 2).Red);
        Assert.Equal(255, bitmap.GetPixel(2, 3).Red);
        Assert.InRange(bitmap.GetPixel(3, 3).Red, 127, 129);
    }

    [Fact]
    public void Save_ScaleRepeatsEachPixel()
    {
        using var images = torch.zeros(1, 1, 2, 2);
        images[0, 0, 0, 0] = torch.tensor(1f);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 3);

        for (var y = 2; y < 5; y++)
        {
            for (var x = 2; x < 5; x++)
            {
                Assert.Equal(255, bitmap.GetPixel(x, y).Red);
            }
        }

        Assert.Equal(0, bitmap.GetPixel(5, 2).Red);
        Assert.Equal(0, bitmap.GetPixel(2, 5).Red);
    }

    [Fact]
    public void Save_TilesFillRowsInOrder()
    {
        // Four 2×2 images of constant value 0.0, 0.25, 0.5 and 1.0 in a 2×2 grid with padding 2 and scale 1.
        using var images = torch.tensor(new[] { 0f, 0.25f, 0.5f, 1f }).reshape(4, 1, 1, 1).expand(4, 1, 2, 2).contiguous();

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        Assert.Equal(0, bitmap.GetPixel(2, 2).Red);
        Assert.Equal(64, bitmap.GetPixel(6, 2).Red);
        Assert.Equal(128, bitmap.GetPixel(2, 6).Red);
        Assert.Equal(255, bitmap.GetPixel(6, 6).Red);
    }

    [Fact]
    public void Save_PaddingAndEmptyCellsUsePaddingColour()
    {
        using var images = torch.ones(3, 1, 2, 2);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        Assert.Equal(ImageGrid.PaddingColor, bitmap.GetPixel(0, 0));
        Assert.Equal(ImageGrid.PaddingColor, bitmap.GetPixel(4, 3));
        Assert.Equal(ImageGrid.PaddingColor, bitmap.GetPixel(6, 6));
        Assert.Equal(new SKColor(255, 255, 255), bitmap.GetPixel(2, 6));
    }

    [Fact]
    public void Save_RgbKeepsColours()
    {
        // One 1×3 image whose pixels are pure red, pure green and pure blue.
        var planes = new float[]
        {
            1, 0, 0, // red plane
            0, 1, 0, // green plane
            0, 0, 1, // blue plane
        };
        using var images = torch.tensor(planes).reshape(1, 3, 1, 3);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        Assert.Equal(new SKColor(255, 0, 0), bitmap.GetPixel(2, 2));
        Assert.Equal(new SKColor(0, 255, 0), bitmap.GetPixel(3, 2));
        Assert.Equal(new SKColor(0, 0, 255), bitmap.GetPixel(4, 2));
    }

    [Fact]
    public void Save_ConstantImagesWork()
    {
        using var images = torch.full(4, 1, 3, 3, 0.8f);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        Assert.Equal(204, bitmap.GetPixel(2, 2).Red);
        Assert.Equal(204, bitmap.GetPixel(8, 8).Red);
    }

    [Fact]
    public void Save_NonFiniteValuesBecomeValidPixels()
    {
        var values = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 7f };
        using var images = torch.tensor(values).reshape(1, 1, 2, 2);

        using var bitmap = SaveAndDecode(images, PixelRange.MinusOneToOne, scale: 1);

        Assert.Equal(0, bitmap.GetPixel(2, 2).Red);
        Assert.Equal(255, bitmap.GetPixel(3, 2).Red);
        Assert.Equal(0, bitmap.GetPixel(2, 3).Red);
        Assert.Equal(255, bitmap.GetPixel(3, 3).Red);
    }

    [Fact]
    public void Save_AllNaNBatchWorks()
    {
        using var images = torch.full(2, 3, 4, 4, float.NaN);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 2);

        Assert.Equal(new SKColor(0, 0, 0), bitmap.GetPixel(2, 2));
    }

    [Fact]
    public void Save_DoublePrecisionIsAccepted()
    {
        using var images = torch.full(1, 1, 2, 2, 0.5, dtype: ScalarType.Float64);

        using var bitmap = SaveAndDecode(images, PixelRange.ZeroToOne, scale: 1);

        Assert.Equal(128, bitmap.GetPixel(2, 2).Red);
    }

    [Theory]
    [InlineData(0f, PixelRange.ZeroToOne, 0)]
    [InlineData(1f, PixelRange.ZeroToOne, 255)]
    [InlineData(0.5f, PixelRange.ZeroToOne, 128)]
    [InlineData(-0.3f, PixelRange.ZeroToOne, 0)]
    [InlineData(1.3f, PixelRange.ZeroToOne, 255)]
    [InlineData(-1f, PixelRange.MinusOneToOne, 0)]
    [InlineData(0f, PixelRange.MinusOneToOne, 128)]
    [InlineData(1f, PixelRange.MinusOneToOne, 255)]
    [InlineData(float.NaN, PixelRange.MinusOneToOne, 0)]
    public void ToByte_MapsValue(float value, PixelRange range, int expected)
    {
        Assert.Equal(expected, ImageGrid.ToByte(value, range));
    }

    [Fact]
    public void Save_RejectsInvalidShapes()
    {
        var path = directory.File("invalid.png");
        using var twoChannels = torch.zeros(2, 2, 4, 4);
        using var threeDimensions = torch.zeros(1, 4, 4);
        using var emptyBatch = torch.zeros(0, 1, 4, 4);
        using var integers = torch.zeros(new long[] { 1, 1, 4, 4 }, dtype: ScalarType.Int32);

        Assert.Throws<ArgumentException>(() => ImageGrid.Save(twoChannels, PixelRange.ZeroToOne, path));
        Assert.Throws<ArgumentException>(() => ImageGrid.Save(threeDimensions, PixelRange.ZeroToOne, path));
        Assert.Throws<ArgumentException>(() => ImageGrid.Save(emptyBatch, PixelRange.ZeroToOne, path));
        Assert.Throws<ArgumentException>(() => ImageGrid.Save(integers, PixelRange.ZeroToOne, path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Save_RejectsInvalidLayout()
    {
        var path = directory.File("invalid.png");
        using var images = torch.zeros(2, 1, 4, 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Save(images, PixelRange.ZeroToOne, path, columns: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Save(images, PixelRange.ZeroToOne, path, scale: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Save(images, PixelRange.ZeroToOne, path, padding: -1));
        Assert.False(File.Exists(path));
    }

    private SKBitmap SaveAndDecode(Tensor images, PixelRange range, int scale)
    {
        var path = directory.File("grid.png");
        ImageGrid.Save(images, range, path, scale: scale);
        return SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a decodable image.");
    }
}

using GanSharp.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class IdxImageDataSourceTests : IDisposable
{
    private const float Tolerance = 1e-6f;

    private readonly IdxTestFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>Creates <paramref name="count"/> 2x3 images whose pixels all equal the image's index.</summary>
    private static IdxImageDataSource CreateIndexedSource(int count)
    {
        var data = new byte[count * 2 * 3];
        for (var index = 0; index < data.Length; index++)
        {
            data[index] = (byte)(index / 6);
        }

        return new IdxImageDataSource(new IdxFile("indexed", [count, 2, 3], data), null, PixelRange.ZeroToOne);
    }

    /// <summary>Returns the image index that each sampled image of an indexed source encodes.</summary>
    private static int[] DecodeIndices(Tensor batch)
    {
        using var firstPixels = batch[.., 0, 0, 0];
        return firstPixels.data<float>().Select(value => (int)MathF.Round(value * 255)).ToArray();
    }

    [Fact]
    public void Load_Mnist_HasImageShape()
    {
        using var source = IdxImageDataSource.Load(
            IdxTestFiles.MnistImagesPath, IdxTestFiles.MnistLabelsPath, PixelRange.ZeroToOne);

        Assert.Equal("idx", source.Name);
        Assert.Equal(DataKind.Image, source.Kind);
        Assert.Equal([1L, 28, 28], source.SampleShape);
        Assert.Equal(10_000, source.Count);
        Assert.Equal([10_000L, 1, 28, 28], source.Images.shape);
        Assert.Equal(ScalarType.Float32, source.Images.dtype);
        Assert.NotNull(source.Labels);
        Assert.Equal(10_000, source.Labels.Length);
        Assert.Equal(863, source.Labels.Count(label => label == 5));
    }

    [Fact]
    public void Sample_ReturnsBatchShape()
    {
        using var source = CreateIndexedSource(5);
        using var generator = new Generator(seed: 1);

        using var batch = source.Sample(4, generator);

        Assert.Equal([4L, 1, 2, 3], batch.shape);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        Assert.Equal(DeviceType.CPU, batch.device_type);
    }

    [Theory]
    [InlineData(PixelRange.ZeroToOne, 0f, 1f)]
    [InlineData(PixelRange.MinusOneToOne, -1f, 1f)]
    public void Load_Mnist_ScalesPixelsToRange(PixelRange pixelRange, float minimum, float maximum)
    {
        var raw = IdxFile.Read(IdxTestFiles.MnistImagesPath);
        using var source = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, null, pixelRange);

        using var smallest = source.Images.min();
        using var largest = source.Images.max();
        Assert.Equal(minimum, smallest.item<float>());
        Assert.Equal(maximum, largest.item<float>());

        // The first gray pixel, neither 0 nor 255, checks the scaling away from the ends of the range.
        var grayIndex = Array.FindIndex(raw.Data, value => value is > 0 and < 255);
        var pixel = raw.Data[grayIndex];
        var expected = pixelRange == PixelRange.ZeroToOne ? pixel / 255f : pixel / 127.5f - 1f;
        using var flatImages = source.Images.flatten();
        using var scaled = flatImages[grayIndex];
        Assert.Equal(expected, scaled.item<float>(), Tolerance);
    }

    [Theory]
    [InlineData(PixelRange.ZeroToOne)]
    [InlineData(PixelRange.MinusOneToOne)]
    public void Constructor_ScalesEveryByteValue(PixelRange pixelRange)
    {
        var data = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();
        using var source = new IdxImageDataSource(new IdxFile("ramp", [1, 16, 16], data), null, pixelRange);

        var pixels = source.Images.data<float>().ToArray();

        for (var value = 0; value < 256; value++)
        {
            var expected = pixelRange == PixelRange.ZeroToOne ? value / 255f : value / 127.5f - 1f;
            Assert.Equal(expected, pixels[value], Tolerance);
        }
    }

    [Fact]
    public void GetImage_CopiesOneImage()
    {
        using var source = CreateIndexedSource(4);

        using var image = source.GetImage(2);

        Assert.Equal([1L, 2, 3], image.shape);
        Assert.All(image.data<float>().ToArray(), value => Assert.Equal(2 / 255f, value, Tolerance));
        image.fill_(0);
        using var stored = source.Images[2, 0, 0, 0];
        Assert.Equal(2 / 255f, stored.item<float>(), Tolerance);
    }

    [Fact]
    public void Sample_SameSeed_GivesSameBatches()
    {
        using var first = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, null, PixelRange.ZeroToOne);
        using var second = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, null, PixelRange.ZeroToOne);
        using var firstGenerator = new Generator(seed: 1234);
        using var secondGenerator = new Generator(seed: 1234);

        // 9 batches of 1,200 cross the end of the first 10,000-image epoch.
        for (var batchIndex = 0; batchIndex < 9; batchIndex++)
        {
            using var firstBatch = first.Sample(1_200, firstGenerator);
            using var secondBatch = second.Sample(1_200, secondGenerator);
            Assert.True(firstBatch.allclose(secondBatch, rtol: 0, atol: 0), $"Batch {batchIndex} differs.");
        }
    }

    [Fact]
    public void Sample_DifferentSeeds_GiveDifferentBatches()
    {
        using var first = CreateIndexedSource(50);
        using var second = CreateIndexedSource(50);
        using var firstGenerator = new Generator(seed: 1);
        using var secondGenerator = new Generator(seed: 2);

        using var firstBatch = first.Sample(50, firstGenerator);
        using var secondBatch = second.Sample(50, secondGenerator);

        Assert.NotEqual(DecodeIndices(firstBatch), DecodeIndices(secondBatch));
    }

    [Fact]
    public void Sample_EachEpoch_CoversEveryIndexOnce()
    {
        const int count = 10;
        using var source = CreateIndexedSource(count);
        using var generator = new Generator(seed: 7);

        // 7 batches of 3 are 2 full epochs and one image of a third, and batches 4 and 7 cross epoch ends.
        var drawn = new List<int>();
        for (var batchIndex = 0; batchIndex < 7; batchIndex++)
        {
            using var batch = source.Sample(3, generator);
            drawn.AddRange(DecodeIndices(batch));
        }

        Assert.Equal(Enumerable.Range(0, count), drawn.Take(count).Order());
        Assert.Equal(Enumerable.Range(0, count), drawn.Skip(count).Take(count).Order());
        Assert.NotEqual(drawn.Take(count), drawn.Skip(count).Take(count));
    }

    [Fact]
    public void Sample_LargerThanCount_SpansEpochs()
    {
        using var source = CreateIndexedSource(4);
        using var generator = new Generator(seed: 3);

        using var batch = source.Sample(9, generator);
        var drawn = DecodeIndices(batch);

        Assert.Equal([0, 1, 2, 3], drawn.Take(4).Order());
        Assert.Equal([0, 1, 2, 3], drawn.Skip(4).Take(4).Order());
    }

    [Fact]
    public void Constructor_LabelCountMismatch_NamesBothCounts()
    {
        var images = new IdxFile("images.idx", [3, 2, 2], new byte[12]);
        var labels = new IdxFile("labels.idx", [4], [0, 1, 2, 3]);

        var exception = Assert.Throws<InvalidDataException>(() => new IdxImageDataSource(images, labels, PixelRange.ZeroToOne));

        Assert.Contains("4 labels", exception.Message);
        Assert.Contains("3 images", exception.Message);
        Assert.Contains("labels.idx", exception.Message);
        Assert.Contains("images.idx", exception.Message);
    }

    [Fact]
    public void Load_LabelFileOfOtherSize_Throws()
    {
        var imagesPath = files.WriteIdx("images-idx3-ubyte", [3, 2, 2], new byte[12]);
        var labelsPath = files.WriteIdx("labels-idx1-ubyte.gz", [2], [5, 6]);

        var exception = Assert.Throws<InvalidDataException>(
            () => IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne));

        Assert.Contains("2 labels", exception.Message);
        Assert.Contains("3 images", exception.Message);
    }

    [Fact]
    public void Load_WithLabels_KeepsOrder()
    {
        var imagesPath = files.WriteIdx("images-idx3-ubyte", [3, 2, 2], new byte[12]);
        var labelsPath = files.WriteIdx("labels-idx1-ubyte", [3], [9, 0, 4]);

        using var source = IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne);

        Assert.NotNull(source.Labels);
        Assert.Equal([9, 0, 4], source.Labels);
    }

    [Fact]
    public void Constructor_TwoDimensionalImages_Throws()
    {
        var images = new IdxFile("flat.idx", [3, 4], new byte[12]);

        var exception = Assert.Throws<InvalidDataException>(() => new IdxImageDataSource(images, null, PixelRange.ZeroToOne));

        Assert.Contains("3 dimensions", exception.Message);
        Assert.Contains("[3 x 4]", exception.Message);
    }

    [Fact]
    public void Sample_AfterDispose_Throws()
    {
        var source = CreateIndexedSource(3);
        using var generator = new Generator(seed: 1);
        source.Dispose();

        Assert.Throws<ObjectDisposedException>(() => source.Sample(1, generator));
        Assert.Throws<ObjectDisposedException>(() => source.Images);
    }
}

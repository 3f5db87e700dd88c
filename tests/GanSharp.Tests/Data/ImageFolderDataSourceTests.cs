using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class ImageFolderDataSourceTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Load_MixedSizesGreyAndColour()
    {
        TestImages.WriteFlat(directory.File("flat.png"), 40, 40, new SKColor(128, 128, 128));
        TestImages.Write(directory.File("colour.jpg"), 60, 30, (x, _) => x < 30 ? SKColors.Red : SKColors.Blue);
        TestImages.WriteGrey(directory.File("grey.png"), 20, 50, (_, y) => (byte)(y * 5));
        TestImages.Write(directory.File("sub/tall.jpeg"), 9, 70, (x, y) => new SKColor((byte)x, (byte)y, 200));

        using var source = ImageFolderDataSource.Load(directory.Path, 16, 3, PixelRange.MinusOneToOne);
        using var images = source.Sample(8, new Generator(1));

        Assert.Equal(["colour.jpg", "flat.png", "grey.png", Path.Combine("sub", "tall.jpeg")], source.Files);
        Assert.Equal([3L, 16, 16], source.SampleShape);
        Assert.Equal([8L, 3, 16, 16], images.shape);
        Assert.True(isfinite(images).all().item<bool>(), "a sampled pixel is not finite");
        Assert.True(images.min().item<float>() >= -1, "a pixel is below -1");
        Assert.True(images.max().item<float>() <= 1, "a pixel is above 1");
    }

    [Fact]
    public void FlatImage_GivesConstantFinitePixels()
    {
        TestImages.WriteFlat(directory.File("flat.png"), 23, 31, new SKColor(128, 128, 128));

        using var source = ImageFolderDataSource.Load(directory.Path, 16, 3, PixelRange.MinusOneToOne);
        using var image = source.GetImage(0);

        var expected = 128 / 127.5f - 1;
        Assert.True(isfinite(image).all().item<bool>(), "the flat image has a non-finite pixel");
        Assert.Equal(expected, image.min().item<float>(), 6);
        Assert.Equal(expected, image.max().item<float>(), 6);
    }

    [Fact]
    public void Colour_KeepsChannelsAndGreyUsesLuma()
    {
        TestImages.WriteFlat(directory.File("red.png"), 20, 20, SKColors.Red);

        using var colour = ImageFolderDataSource.Load(directory.Path, 16, 3, PixelRange.ZeroToOne);
        using var grey = ImageFolderDataSource.Load(directory.Path, 16, 1, PixelRange.ZeroToOne);
        using var colourImage = colour.GetImage(0);
        using var greyImage = grey.GetImage(0);

        Assert.Equal(1f, colourImage[0].mean().item<float>(), 6);
        Assert.Equal(0f, colourImage[1].mean().item<float>(), 6);
        Assert.Equal(0f, colourImage[2].mean().item<float>(), 6);
        Assert.Equal([1L, 16, 16], greyImage.shape);
        Assert.Equal(76 / 255f, greyImage.mean().item<float>(), 6);
    }

    [Fact]
    public void WideImage_CropsTheCentre()
    {
        // Black, white, black thirds: scaling the short side to 12 makes it 36 wide, and the centre 12 is the white third.
        TestImages.Write(directory.File("wide.png"), 90, 30, (x, _) => x is >= 30 and < 60 ? SKColors.White : SKColors.Black);

        using var source = ImageFolderDataSource.Load(directory.Path, 12, 1, PixelRange.ZeroToOne);
        using var image = source.GetImage(0);

        Assert.True(image.mean().item<float>() > 0.9, $"the centre crop has mean {image.mean().item<float>()}, expected about 1");
    }

    [Fact]
    public void OtherExtensions_AreIgnoredAndListed()
    {
        TestImages.WriteFlat(directory.File("a.png"), 16, 16, SKColors.White);
        File.WriteAllText(directory.File("notes.txt"), "not an image");
        File.WriteAllText(directory.File(".hidden.png"), "hidden, so skipped");

        using var source = ImageFolderDataSource.Load(directory.Path, 16, 1, PixelRange.MinusOneToOne);

        Assert.Equal(1, source.Count);
        Assert.Equal(["notes.txt"], source.IgnoredFiles);
    }

    [Fact]
    public void NonImageWithImageExtension_FailsNamingFile()
    {
        TestImages.WriteFlat(directory.File("a.png"), 16, 16, SKColors.White);
        var broken = directory.File("broken.png");
        File.WriteAllText(broken, "this text is not a PNG");

        var exception = Assert.Throws<InvalidDataException>(() => ImageFolderDataSource.Load(directory.Path, 16, 1, PixelRange.MinusOneToOne));

        Assert.Contains(broken, exception.Message);
    }

    [Fact]
    public void TruncatedJpeg_FailsNamingFile()
    {
        var path = TestImages.Write(directory.File("photo.jpg"), 64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), 0));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var exception = Assert.Throws<InvalidDataException>(() => ImageFolderDataSource.Load(directory.Path, 16, 3, PixelRange.MinusOneToOne));

        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void FolderWithoutImages_Fails()
    {
        File.WriteAllText(directory.File("notes.txt"), "not an image");

        var exception = Assert.Throws<InvalidDataException>(() => ImageFolderDataSource.Load(directory.Path, 16, 1, PixelRange.MinusOneToOne));

        Assert.Contains(directory.Path, exception.Message);
        Assert.Contains(".png", exception.Message);
    }

    [Fact]
    public void MissingFolder_Fails()
    {
        var missing = directory.File("missing");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => ImageFolderDataSource.Load(missing, 16, 1, PixelRange.MinusOneToOne));

        Assert.Contains(missing, exception.Message);
    }

    [Fact]
    public void Sample_VisitsEveryImageOncePerEpoch()
    {
        for (var index = 0; index < 5; index++)
        {
            var level = (byte)(index * 50);
            TestImages.WriteFlat(directory.File($"{index}.png"), 8, 8, new SKColor(level, level, level));
        }

        using var source = ImageFolderDataSource.Load(directory.Path, 8, 1, PixelRange.ZeroToOne);
        using var random = new Generator(3);
        using var epoch = source.Sample(5, random);

        var levels = Enumerable.Range(0, 5).Select(row => (int)Math.Round(epoch[row].mean().item<float>() * 255)).Order();
        Assert.Equal([0, 50, 100, 150, 200], levels);
        Assert.Equal(5, source.ShuffleState.Position);
    }

    [Fact]
    public void FlatImagesOnly_TrainWithFiniteLosses()
    {
        // Identical real images give batch normalisation a variance of 0 in D's real minibatch, which must stay finite.
        for (var index = 0; index < 4; index++)
        {
            TestImages.WriteFlat(directory.File($"flat{index}.png"), 16, 16, new SKColor(90, 90, 90));
        }

        var options = new ModelOptions(ModelDesign.Common, 8, [], [], 0, 5, NoisePrior.Normal, ModelKind.Dcgan, 4, 4);
        var training = RunConfiguration.CreateDefault("folder", kind: ModelKind.Dcgan).Training with { BatchSize = 4 };
        using var source = ImageFolderDataSource.Load(directory.Path, 16, 3, PixelRange.MinusOneToOne);
        using var trainer = new GanTrainer(source, options, training, fixedNoiseCount: 4);

        for (var step = 0; step < 3; step++)
        {
            trainer.TrainIteration();
            var statistics = trainer.ReadStatistics();
            Assert.True(double.IsFinite(statistics.LossD), $"step {statistics.Step} has loss_D {statistics.LossD}");
            Assert.True(double.IsFinite(statistics.LossG), $"step {statistics.Step} has loss_G {statistics.LossG}");
        }

        Assert.Null(trainer.FindNonFiniteParameter());
    }
}

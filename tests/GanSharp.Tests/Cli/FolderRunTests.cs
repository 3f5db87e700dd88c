using System.Text.Json;
using GanSharp.Tests.Data;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using SkiaSharp;

namespace GanSharp.Tests.Cli;

/// <summary>
/// A 3-step DCGAN run through <c>gansharp train --data folder</c> on a folder of six small images of mixed sizes and
/// formats, with a text file beside them, shared by the tests that read it.
/// </summary>
public sealed class FolderRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public FolderRunFixture()
    {
        Images = directory.File("images");
        TestImages.WriteFlat(Path.Combine(Images, "flat.png"), 30, 30, new SKColor(200, 200, 200));
        TestImages.Write(Path.Combine(Images, "stripes.jpg"), 48, 24, (x, _) => x % 8 < 4 ? SKColors.Orange : SKColors.Navy);
        TestImages.WriteGrey(Path.Combine(Images, "ramp.png"), 17, 40, (x, y) => (byte)(x * 10 + y));
        TestImages.Write(Path.Combine(Images, "big.jpeg"), 200, 120, (x, y) => new SKColor((byte)x, (byte)y, 50));
        TestImages.WriteFlat(Path.Combine(Images, "black.png"), 16, 16, SKColors.Black);
        TestImages.Write(Path.Combine(Images, "small.png"), 10, 12, (x, y) => new SKColor((byte)(x * 20), 0, (byte)(y * 20)));
        File.WriteAllText(Path.Combine(Images, "notes.txt"), "not an image");

        Folder = directory.File("run");
        Train = CliProcess.Run(
            "train", "--model", "dcgan", "--data", "folder", "--data-path", Images, "--image-size", "16",
            "--steps", "3", "--batch-size", "4", "--g-width", "4", "--d-width", "4", "--out", Folder);
    }

    public string Images { get; }

    public string Folder { get; }

    public CliResult Train { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class FolderRunTests(FolderRunFixture run) : IClassFixture<FolderRunFixture>, IDisposable
{
    private readonly TemporaryDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Train_ExitsZero() => Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

    [Theory]
    [InlineData("config.json")]
    [InlineData("model.json")]
    [InlineData("metrics.csv")]
    [InlineData("generator.pt")]
    [InlineData("discriminator.pt")]
    [InlineData("samples/step-000000.png")]
    [InlineData("samples/step-000003.png")]
    public void Train_WritesRunFile(string relativePath)
    {
        var path = Path.Combine(run.Folder, relativePath);

        Assert.True(File.Exists(path), $"missing {path}; {run.Train}");
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
    }

    [Fact]
    public void Train_RecordsImageShape()
    {
        var folder = RunFolder.Open(run.Folder);

        Assert.Equal([3L, 16, 16], folder.Shape.SampleShape);
        Assert.Equal(16, folder.Configuration.Data.ImageSize);
        Assert.Equal(3, folder.Configuration.Data.Channels);
        Assert.Equal(run.Images, folder.Configuration.Data.Path);
    }

    [Fact]
    public void Train_WarnsOfIgnoredFile()
    {
        Assert.Contains("notes.txt", run.Train.StandardError);
    }

    [Fact]
    public void Train_MetricsAreFinite()
    {
        var rows = File.ReadAllLines(Path.Combine(run.Folder, TrainingRun.MetricsFileName)).Skip(1).ToArray();

        Assert.NotEmpty(rows);
        foreach (var value in rows.SelectMany(row => row.Split(',')))
        {
            Assert.True(double.IsFinite(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), $"metrics.csv has {value}");
        }
    }

    [Fact]
    public void Sample_WritesColourGrid()
    {
        var output = run.TemporaryFile("grid.png");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "4", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var bitmap = SKBitmap.Decode(output);
        Assert.NotNull(bitmap);
    }

    [Fact]
    public void BrokenImage_RejectedNamingFile()
    {
        var images = scratch.File("images");
        TestImages.WriteFlat(Path.Combine(images, "good.png"), 16, 16, SKColors.White);
        var broken = Path.Combine(images, "broken.jpg");
        File.WriteAllText(broken, "this text is not a JPEG");

        var result = TrainOnFolder(images, "--image-size", "16");

        AssertRejected(result, broken);
    }

    [Fact]
    public void EmptyFolder_Rejected()
    {
        var images = scratch.File("empty");
        Directory.CreateDirectory(images);

        var result = TrainOnFolder(images);

        AssertRejected(result, images);
    }

    [Fact]
    public void MissingFolder_Rejected()
    {
        var images = scratch.File("missing");

        var result = TrainOnFolder(images);

        AssertRejected(result, images);
    }

    [Fact]
    public void DcganImageSize_RejectedBeforeDecoding()
    {
        var result = TrainOnFolder(run.Images, "--model", "dcgan", "--image-size", "20");

        AssertRejected(result, "20×20");
    }

    [Fact]
    public void ImageSizeWithMnist_Rejected()
    {
        var result = CliProcess.Run("train", "--image-size", "32", "--out", scratch.File("run"));

        AssertRejected(result, "--image-size");
    }

    [Fact]
    public void ConfigurationJson_RoundTripsFolderOptions()
    {
        var json = File.ReadAllText(Path.Combine(run.Folder, TrainingRun.ConfigFileName));
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");

        Assert.Equal("folder", data.GetProperty("name").GetString());
        Assert.Equal(16, data.GetProperty("image_size").GetInt32());
        Assert.False(data.TryGetProperty("is_image", out _), "config.json stores the computed is_image");
    }

    private CliResult TrainOnFolder(string images, params string[] arguments) =>
        CliProcess.Run(["train", "--data", "folder", "--data-path", images, "--steps", "1", .. arguments, "--out", scratch.File("run")]);

    private void AssertRejected(CliResult result, string expectedInMessage)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var message = result.StandardError.TrimEnd('\r', '\n');
        Assert.False(message.Contains('\n'), $"the error is more than one line:\n{message}");
        Assert.Contains(expectedInMessage, message);
        Assert.False(Directory.Exists(scratch.File("run")), "the run folder was created");
    }
}

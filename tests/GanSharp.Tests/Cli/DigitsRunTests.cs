using GanSharp.Reporting;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using SkiaSharp;

namespace GanSharp.Tests.Cli;

/// <summary>A 20-step run on the bundled digits through <c>gansharp train</c>, shared by the tests that read it.</summary>
public sealed class DigitsRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public DigitsRunFixture()
    {
        Folder = directory.File("digits");
        Train = CliProcess.Run("train", "--steps", "20", "--sample-interval", "10", "--out", Folder);
    }

    public string Folder { get; }

    public CliResult Train { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class DigitsRunTests(DigitsRunFixture run) : IClassFixture<DigitsRunFixture>
{
    [Fact]
    public void Train_ExitsZero() => Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

    [Theory]
    [InlineData("config.json")]
    [InlineData("model.json")]
    [InlineData("metrics.csv")]
    [InlineData("curves.png")]
    [InlineData("generator.pt")]
    [InlineData("discriminator.pt")]
    [InlineData("samples/step-000000.png")]
    [InlineData("samples/step-000010.png")]
    [InlineData("samples/step-000020.png")]
    public void Train_WritesRunFile(string relativePath)
    {
        var path = Path.Combine(run.Folder, relativePath);

        Assert.True(File.Exists(path), $"missing {path}; {run.Train}");
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
    }

    [Fact]
    public void Train_WritesNoTemporaryFiles()
    {
        var leftovers = Directory.GetFiles(run.Folder, "*.tmp", SearchOption.AllDirectories);

        Assert.Empty(leftovers);
    }

    [Theory]
    [InlineData("curves.png")]
    [InlineData("samples/step-000000.png")]
    [InlineData("samples/step-000010.png")]
    [InlineData("samples/step-000020.png")]
    public void Train_PicturesAreDecodablePngs(string relativePath)
    {
        using var bitmap = SKBitmap.Decode(Path.Combine(run.Folder, relativePath));

        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width > 0, "the PNG has no width");
        Assert.True(bitmap.Height > 0, "the PNG has no height");
    }

    [Fact]
    public void Train_ConfigurationMatchesOptions()
    {
        var path = Path.Combine(run.Folder, TrainingRun.ConfigFileName);
        var defaults = RunConfiguration.CreateDefault("mnist");
        var expected = defaults with
        {
            Training = defaults.Training with { Steps = 20 },
            SampleInterval = 10,
        };

        var actual = RunConfiguration.FromJson(File.ReadAllText(path), path);

        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expected.Training, actual.Training);
        Assert.Equal(expected.LogInterval, actual.LogInterval);
        Assert.Equal(expected.SampleInterval, actual.SampleInterval);
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        Assert.Equal(expected.Model.GeneratorHidden, actual.Model.GeneratorHidden);
        Assert.Equal(expected.Model.DiscriminatorHidden, actual.Model.DiscriminatorHidden);

        // The records compare arrays by reference, so compare the rest of the model with the arrays shared.
        Assert.Equal(expected.Model, actual.Model with
        {
            GeneratorHidden = expected.Model.GeneratorHidden,
            DiscriminatorHidden = expected.Model.DiscriminatorHidden,
        });
    }

    [Fact]
    public void Train_ModelShapeIsDigitImage()
    {
        var folder = RunFolder.Open(run.Folder);

        Assert.Equal(GanSharp.Data.DataKind.Image, folder.Shape.DataKind);
        Assert.Equal([1L, 28, 28], folder.Shape.SampleShape);
    }

    [Fact]
    public void Train_MetricsHaveRowPerLogInterval()
    {
        var lines = File.ReadAllLines(Path.Combine(run.Folder, TrainingRun.MetricsFileName));

        Assert.Equal("step,loss_d,loss_g,d_real,d_fake,value,seconds", lines[0]);
        Assert.Equal(MetricsLog.Header, lines[0]);

        // The log interval is 10, so steps 10 and 20 are logged.
        Assert.Equal(["10", "20"], lines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.All(lines.Skip(1), line => Assert.Equal(7, line.Split(',').Length));
    }

    [Fact]
    public void Sample_WritesPngGrid()
    {
        var output = run.TemporaryFile("grid.png");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "16", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var bitmap = SKBitmap.Decode(output);
        Assert.NotNull(bitmap);

        // 16 tiles of 28 pixels in a 4 x 4 grid with the default 2-pixel border.
        Assert.Equal(4 * 28 + 5 * ImageGrid.DefaultPadding, bitmap.Width);
        Assert.Equal(4 * 28 + 5 * ImageGrid.DefaultPadding, bitmap.Height);
    }

    [Fact]
    public void Sample_CsvForImagesIsRejected()
    {
        var output = run.TemporaryFile("digits.csv");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "4", "--out", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(".png", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.False(File.Exists(output));
    }
}

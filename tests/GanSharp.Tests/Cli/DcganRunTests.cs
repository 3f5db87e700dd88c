using System.Text.Json;
using GanSharp.Reporting;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using SkiaSharp;

namespace GanSharp.Tests.Cli;

/// <summary>A 4-step DCGAN run with narrow networks on the bundled digits, shared by the tests that read it.</summary>
public sealed class DcganRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public DcganRunFixture()
    {
        Folder = directory.File("dcgan");
        Train = CliProcess.Run(
            "train", "--model", "dcgan", "--steps", "4", "--batch-size", "8", "--g-width", "4", "--d-width", "4",
            "--sample-interval", "2", "--checkpoint-interval", "2", "--out", Folder);
    }

    public string Folder { get; }

    public CliResult Train { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class DcganRunTests(DcganRunFixture run) : IClassFixture<DcganRunFixture>
{
    [Fact]
    public void Train_ExitsZero() => Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

    [Theory]
    [InlineData("config.json")]
    [InlineData("model.json")]
    [InlineData("metrics.csv")]
    [InlineData("generator.pt")]
    [InlineData("discriminator.pt")]
    [InlineData("samples/step-000000.png")]
    [InlineData("samples/step-000004.png")]
    [InlineData("checkpoints/step-000004/manifest.json")]
    public void Train_WritesRunFile(string relativePath)
    {
        var path = Path.Combine(run.Folder, relativePath);

        Assert.True(File.Exists(path), $"missing {path}; {run.Train}");
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
    }

    [Fact]
    public void Train_ConfigurationNamesDcgan()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, TrainingRun.ConfigFileName)));
        var model = json.RootElement.GetProperty("model");

        Assert.Equal("dcgan", model.GetProperty("kind").GetString());
        Assert.Equal(4, model.GetProperty("generator_base_width").GetInt32());
        Assert.Equal(4, model.GetProperty("discriminator_base_width").GetInt32());
        Assert.Equal(0.5, json.RootElement.GetProperty("training").GetProperty("beta1").GetDouble());
    }

    [Fact]
    public void Sample_WritesPngGrid()
    {
        var output = run.TemporaryFile("grid.png");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "9", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var bitmap = SKBitmap.Decode(output);
        Assert.NotNull(bitmap);
        Assert.Equal(3 * 28 + 4 * ImageGrid.DefaultPadding, bitmap.Width);
    }

    [Fact]
    public void Resume_ContinuesToLargerTotal()
    {
        // A copy, so the other tests keep reading the 4-step folder.
        var copy = run.TemporaryFile("resumed");
        CopyDirectory(run.Folder, copy);

        var result = CliProcess.Run("train", "--resume", copy, "--steps", "6");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Directory.Exists(Path.Combine(copy, CheckpointStore.FolderName, "step-000006")), result.ToString());
    }

    [Fact]
    public void Sample_WithOtherWidthNamesShapes()
    {
        var copy = run.TemporaryFile("edited");
        CopyDirectory(run.Folder, copy);
        var configPath = Path.Combine(copy, TrainingRun.ConfigFileName);
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"generator_base_width\": 4", "\"generator_base_width\": 8"));

        var result = CliProcess.Run("sample", "--run", copy, "--count", "4", "--out", run.TemporaryFile("edited.png"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("generator.pt contains net.project.weight of shape [100, 8, 7, 7] but the model expects [100, 16, 7, 7]", result.StandardError);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative == "run.lock")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }
}

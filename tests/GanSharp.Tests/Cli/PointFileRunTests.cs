using System.Globalization;
using System.Text.Json;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>A 200-step run through <c>gansharp train --data points</c> on 500 points of a ring written as CSV.</summary>
public sealed class PointFileRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public PointFileRunFixture()
    {
        PointsPath = directory.File("ring.csv");
        var lines = Enumerable.Range(0, 500).Select(index =>
        {
            var angle = 2 * Math.PI * index / 500;
            return string.Create(CultureInfo.InvariantCulture, $"{2 * Math.Cos(angle):F6},{2 * Math.Sin(angle):F6}");
        });
        File.WriteAllLines(PointsPath, ["# 500 points on the circle of radius 2", "x,y", .. lines]);

        Folder = directory.File("run");
        Train = CliProcess.Run(
            "train", "--data", "points", "--data-path", PointsPath, "--steps", "200", "--batch-size", "64", "--sample-interval", "100",
            "--out", Folder);
    }

    public string PointsPath { get; }

    public string Folder { get; }

    public CliResult Train { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class PointFileRunTests(PointFileRunFixture run) : IClassFixture<PointFileRunFixture>
{
    [Theory]
    [InlineData("config.json")]
    [InlineData("model.json")]
    [InlineData("metrics.csv")]
    [InlineData("curves.png")]
    [InlineData("generator.pt")]
    [InlineData("discriminator.pt")]
    [InlineData("samples/step-000000.png")]
    [InlineData("samples/step-000200.png")]
    [InlineData("checkpoints/step-000200/manifest.json")]
    public void Train_WritesRunFile(string relativePath)
    {
        var path = Path.Combine(run.Folder, relativePath);

        Assert.True(File.Exists(path), $"missing {path}; {run.Train}");
    }

    [Fact]
    public void Train_WritesScatterPicture()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        var picture = File.ReadAllBytes(Path.Combine(run.Folder, "samples", "step-000200.png"));

        Assert.True(picture.Length > 1000, $"the picture has only {picture.Length} bytes");
        Assert.Equal((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G'], picture[..4]);
    }

    [Fact]
    public void Train_WritesNoTheoryMetrics()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        var lines = File.ReadAllLines(Path.Combine(run.Folder, "metrics.csv"));

        Assert.Equal("step,loss_d,loss_g,d_real,d_fake,value,seconds", lines[0]);
        Assert.Equal("200", lines[^1].Split(',')[0]);
        Assert.False(File.Exists(Path.Combine(run.Folder, "value.png")));
    }

    [Fact]
    public void Train_StoresFullPathAndKind()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "config.json")));
        using var model = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "model.json")));

        var data = config.RootElement.GetProperty("data");
        Assert.Equal("points", data.GetProperty("name").GetString());
        Assert.Equal(Path.GetFullPath(run.PointsPath), data.GetProperty("path").GetString());
        Assert.Equal(0, config.RootElement.GetProperty("evaluation_interval").GetInt32());
        Assert.Equal("points-2d", model.RootElement.GetProperty("data_kind").GetString());
    }

    [Fact]
    public void Sample_WritesTwoColumns()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("generated.csv");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "5", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal("x,y", lines[0]);
        Assert.Equal(5, lines.Length - 1);
    }
}

using System.Globalization;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>A 20-step run on N(3, 0.5²) through <c>gansharp train</c>, shared by the sampling tests.</summary>
public sealed class PointRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public PointRunFixture()
    {
        Folder = directory.File("points");
        Train = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "20", "--out", Folder);
    }

    public string Folder { get; }

    public CliResult Train { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class PointRunTests(PointRunFixture run) : IClassFixture<PointRunFixture>
{
    [Fact]
    public void Sample_WritesCsvRows()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("points.csv");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "37", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal("x", lines[0]);
        Assert.Equal(37, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            Assert.True(double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"row '{line}' is not a number");
            Assert.True(double.IsFinite(value), $"row '{line}' is not finite");
        }
    }

    [Fact]
    public void Sample_PngForPointsIsRejected()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("points.png");

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "4", "--out", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(".csv", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.False(File.Exists(output));
    }
}

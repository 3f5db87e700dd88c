using System.Globalization;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>A 20-step run on N(3, 0.5²) through <c>gansharp train</c>, shared by the tests that read it.</summary>
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
    public void Train_WritesTheoryMetricsAtLastStep()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        var lines = File.ReadAllLines(Path.Combine(run.Folder, "metrics.csv"));

        // 20 steps fall short of the evaluation interval of 100, so only the last step is measured.
        Assert.Equal("step,loss_d,loss_g,d_real,d_fake,value,seconds,jsd,c_of_g,d_star_error", lines[0]);
        Assert.EndsWith(",,,", lines[1]);
        var last = lines[^1].Split(',');
        Assert.Equal("20", last[0]);
        Assert.All(last[7..], cell => Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"'{cell}' is not a number"));
    }

    [Theory]
    [InlineData("value.png")]
    [InlineData("phases/step-000000.png")]
    [InlineData("phases/step-000020.png")]
    [InlineData("phases/phases.png")]
    public void Train_WritesTheoryPicture(string relativePath)
    {
        var path = Path.Combine(run.Folder, relativePath);

        Assert.True(File.Exists(path), $"missing {path}; {run.Train}");
    }

    [Fact]
    public void Report_WritesSelfContainedPage()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("report.html");

        var result = CliProcess.Run("report", "--run", run.Folder, "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Wrote {output}", result.StandardOutput);
        var html = File.ReadAllText(output);
        Assert.Contains("<img src=\"data:image/png;base64,", html);
        Assert.Contains("<th>jsd</th>", html);
    }

    [Fact]
    public void Report_FolderWithoutRunRejected()
    {
        var folder = run.TemporaryFile("empty");
        Directory.CreateDirectory(folder);

        var result = CliProcess.Run("report", "--run", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Not a run folder", result.StandardError);
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

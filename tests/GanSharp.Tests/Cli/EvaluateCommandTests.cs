using System.Text.Json;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>A 30-step ring8 run through <c>gansharp train</c>, shared by the evaluate tests that read it.</summary>
public sealed class RingRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public RingRunFixture()
    {
        Folder = directory.File("ring8");
        Train = CliProcess.Run("train", "--data", "ring8", "--steps", "30", "--eval-interval", "0", "--out", Folder);
        Evaluate = CliProcess.Run("evaluate", "--run", Folder);
    }

    public string Folder { get; }

    public CliResult Train { get; }

    public CliResult Evaluate { get; }

    public string TemporaryFile(string name) => directory.File(name);

    public void Dispose() => directory.Dispose();
}

public sealed class EvaluateCommandTests(RingRunFixture run) : IClassFixture<RingRunFixture>
{
    [Fact]
    public void Evaluate_RingRunExitsZero()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        Assert.True(run.Evaluate.ExitCode == 0, run.Evaluate.ToString());
        Assert.Contains("Modes covered:", run.Evaluate.StandardOutput);
    }

    [Fact]
    public void Evaluate_WritesModeCoverageJson()
    {
        Assert.True(run.Evaluate.ExitCode == 0, run.Evaluate.ToString());

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "evaluation.json")));
        var root = json.RootElement;

        Assert.Equal("ring8", root.GetProperty("data").GetString());
        Assert.Equal(0, root.GetProperty("seed").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parzen").ValueKind);
        var modes = root.GetProperty("mode_coverage");
        Assert.Equal(0.01, modes.GetProperty("mode_standard_deviation").GetDouble());
        Assert.Contains("2500 generated points", modes.GetProperty("protocol").GetString());
        var result = modes.GetProperty("result");
        Assert.Equal(8, result.GetProperty("mode_count").GetInt32());
        Assert.Equal(2500, result.GetProperty("sample_count").GetInt32());
        Assert.InRange(result.GetProperty("modes_covered").GetInt32(), 0, 8);
        Assert.InRange(result.GetProperty("high_quality_share").GetDouble(), 0, 1);
        Assert.Equal(8, result.GetProperty("high_quality_counts").GetArrayLength());
    }

    [Fact]
    public void Evaluate_WritesMarkdownWithPublishedFigures()
    {
        Assert.True(run.Evaluate.ExitCode == 0, run.Evaluate.ToString());

        var markdown = File.ReadAllText(Path.Combine(run.Folder, "evaluation.md"));

        Assert.Contains("## Mode coverage", markdown);
        Assert.Contains("PacGAN2 7.9 / 95.6", markdown);
    }

    [Fact]
    public void Evaluate_SameSeedGivesSameNumbers()
    {
        Assert.True(run.Evaluate.ExitCode == 0, run.Evaluate.ToString());
        var first = ModeCounts();

        var again = CliProcess.Run("evaluate", "--run", run.Folder);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(first, ModeCounts());
    }

    [Fact]
    public void Evaluate_TestDataRejectedForPoints()
    {
        var result = CliProcess.Run("evaluate", "--run", run.Folder, "--test-data", run.TemporaryFile("test.idx"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--test-data", result.StandardError);
    }

    [Fact]
    public void Evaluate_MissingRunFolderRejected()
    {
        var missing = run.TemporaryFile("no-such-run");

        var result = CliProcess.Run("evaluate", "--run", missing);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Run folder not found", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Evaluate_RunWithoutGeneratorRejected()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var copy = run.TemporaryFile("ring8-without-generator");
        Directory.CreateDirectory(copy);
        foreach (var name in new[] { "config.json", "model.json" })
        {
            File.Copy(Path.Combine(run.Folder, name), Path.Combine(copy, name));
        }

        var result = CliProcess.Run("evaluate", "--run", copy);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("generator.pt", result.StandardError);
        Assert.False(File.Exists(Path.Combine(copy, "evaluation.json")));
    }

    [Fact]
    public void Evaluate_OneDimensionalRunHasNoMetric()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var copy = run.TemporaryFile("gaussian1d-config");
        Directory.CreateDirectory(copy);
        File.WriteAllText(Path.Combine(copy, "config.json"),
            File.ReadAllText(Path.Combine(run.Folder, "config.json")).Replace("\"ring8\"", "\"gaussian1d\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(copy, "model.json"), "{ \"data_kind\": \"points-1d\", \"sample_shape\": [1] }");

        var result = CliProcess.Run("evaluate", "--run", copy);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("No evaluation metric applies to --data gaussian1d", result.StandardError);
    }

    private int[] ModeCounts()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "evaluation.json")));
        return json.RootElement.GetProperty("mode_coverage").GetProperty("result").GetProperty("high_quality_counts")
            .EnumerateArray().Select(element => element.GetInt32()).ToArray();
    }
}

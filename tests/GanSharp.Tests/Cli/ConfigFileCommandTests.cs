using System.Text.Json.Nodes;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary><c>gansharp train --config</c>: a run's config.json repeats the run, and options override the file.</summary>
public sealed class ConfigFileCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void RunConfig_RepeatsTheRunExactly()
    {
        var first = directory.File("first");
        var second = directory.File("second");
        var trained = CliProcess.Run("train", "--data", "mixture1d", "--steps", "30", "--k", "2", "--seed", "5",
            "--lr-d", "0.002", "--log-interval", "5", "--out", first);
        Assert.True(trained.ExitCode == 0, trained.ToString());

        var repeated = CliProcess.Run("train", "--config", Path.Combine(first, "config.json"), "--out", second);

        Assert.True(repeated.ExitCode == 0, repeated.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(first, "config.json")), File.ReadAllText(Path.Combine(second, "config.json")));
        Assert.Equal(MetricsWithoutSeconds(first), MetricsWithoutSeconds(second));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "generator.pt")), File.ReadAllBytes(Path.Combine(second, "generator.pt")));
    }

    [Fact]
    public void Option_OverridesFileValue()
    {
        var file = directory.File("run.json");
        File.WriteAllText(file, """{ "data": { "name": "gaussian1d" }, "training": { "steps": 500, "seed": 3, "k": 2 } }""");
        var output = directory.File("run");

        var result = CliProcess.Run("train", "--config", file, "--steps", "12", "--seed", "8", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["training"]!;
        Assert.Equal(12, (int)training["steps"]!);
        Assert.Equal(8, (long)training["seed"]!);
        Assert.Equal(2, (int)training["k"]!);
    }

    [Fact]
    public void OtherData_DropsFileDataPath()
    {
        var points = directory.File("points.csv");
        File.WriteAllText(points, "0.1,0.2\n0.3,0.4\n0.5,0.6\n");
        var file = directory.File("run.json");
        File.WriteAllText(file, $$"""{ "data": { "name": "points", "path": "{{points}}" }, "training": { "steps": 2 } }""");
        var output = directory.File("run");

        var result = CliProcess.Run("train", "--config", file, "--data", "ring8", "--sample-interval", "2", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["data"]!;
        Assert.Equal("ring8", (string?)data["name"]);
        Assert.Null(data["path"]);
    }

    [Fact]
    public void InvalidFileValue_NamesFile()
    {
        var file = directory.File("run.json");
        File.WriteAllText(file, """{ "data": { "name": "gaussian1d" }, "training": { "batch_size": 0 } }""");
        var output = directory.File("run");

        var result = CliProcess.Run("train", "--config", file, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-size 0", result.StandardError);
        Assert.Contains(file, result.StandardError);
        Assert.False(Directory.Exists(output), "the run folder was created for an invalid configuration");
    }

    [Fact]
    public void MissingFile_ExitsWithInvalidInput()
    {
        var file = directory.File("missing.json");

        var result = CliProcess.Run("train", "--config", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Configuration file not found: {file}", result.StandardError);
    }

    /// <summary>Reads metrics.csv without the seconds column, which holds wall-clock time and differs between runs.</summary>
    private static string[] MetricsWithoutSeconds(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        var secondsColumn = Array.IndexOf(lines[0].Split(','), "seconds");
        Assert.True(secondsColumn >= 0, $"metrics.csv has no seconds column: {lines[0]}");
        return lines
            .Select(line => line.Split(','))
            .Select(cells => string.Join(',', cells.Where((_, index) => index != secondsColumn)))
            .ToArray();
    }
}

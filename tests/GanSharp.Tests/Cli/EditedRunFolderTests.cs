using System.Text.Json.Nodes;
using GanSharp.Tests.Reporting;
using GanSharp.Training;

namespace GanSharp.Tests.Cli;

/// <summary>
/// A run folder whose config.json was edited after training must make <c>sample</c> and <c>train --resume</c>
/// exit with code 2 and one line on standard error, and leave the folder's files as they were.
/// </summary>
public sealed class EditedRunFolderTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string RunFolder => directory.File("run");

    private string ConfigPath => Path.Combine(RunFolder, TrainingRun.ConfigFileName);

    [Fact]
    public void OtherGeneratorWidth_NamesBothShapes()
    {
        TrainTinyRun();
        EditConfig(config => config["model"]!["generator_hidden"] = new JsonArray(32));
        var before = Snapshot();

        var sampled = CliProcess.Run("sample", "--run", RunFolder, "--out", directory.File("samples.csv"));
        var resumed = CliProcess.Run("train", "--resume", RunFolder, "--steps", "6");

        foreach (var result in new[] { sampled, resumed })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("generator.pt contains net.0.weight of shape [16, 8] but the model expects [32, 8]", line);
        }

        Assert.False(File.Exists(directory.File("samples.csv")));
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("training", "steps", "\"many\"", "training.steps")]
    [InlineData("model", "generator_hidden", "\"wide\"", "model.generator_hidden")]
    [InlineData("model", "design", "\"fancy\"", "model.design")]
    [InlineData("model", "latent_dim", "[8]", "model.latent_dim")]
    public void WrongValueType_NamesFileAndField(string section, string field, string json, string fieldPath)
    {
        TrainTinyRun();
        EditConfig(config => config[section]![field] = JsonNode.Parse(json));
        var before = Snapshot();

        var sampled = CliProcess.Run("sample", "--run", RunFolder, "--out", directory.File("samples.csv"));
        var resumed = CliProcess.Run("train", "--resume", RunFolder, "--steps", "6");

        foreach (var result in new[] { sampled, resumed })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"Invalid configuration {ConfigPath}", line);
            Assert.Contains($"field {fieldPath} on line", line);
            Assert.DoesNotContain("System.", line);
        }

        Assert.Equal(before, Snapshot());
    }

    /// <summary>Trains ring8 for 4 steps with one hidden layer of 16 units in each network.</summary>
    private void TrainTinyRun()
    {
        var result = CliProcess.Run(
            "train", "--data", "ring8", "--steps", "4", "--batch-size", "16", "--eval-interval", "0",
            "--sample-interval", "4", "--checkpoint-interval", "2", "--g-hidden", "16", "--d-hidden", "16",
            "--out", RunFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private void EditConfig(Action<JsonNode> edit)
    {
        var config = JsonNode.Parse(File.ReadAllText(ConfigPath))!;
        edit(config);
        File.WriteAllText(ConfigPath, config.ToJsonString());
    }

    /// <summary>Returns the relative path and contents of every file in the run folder.</summary>
    private SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(RunFolder, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(RunFolder, path)] = Convert.ToBase64String(File.ReadAllBytes(path));
        }

        return files;
    }
}

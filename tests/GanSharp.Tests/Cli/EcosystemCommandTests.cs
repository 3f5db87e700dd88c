using System.Text.Json;
using GanSharp.Models;
using GanSharp.Reporting;
using GanSharp.Runtime;
using GanSharp.Tests.Reporting;
using GanSharp.Training;

namespace GanSharp.Tests.Cli;

/// <summary>TensorBoard files, <c>gansharp export</c> and <c>--init-generator</c> through the command line, on one short run.</summary>
public sealed class EcosystemCommandTests(PointRunFixture run) : IClassFixture<PointRunFixture>
{
    [Fact]
    public void Train_WritesTensorBoardByDefault()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        var eventFile = Assert.Single(TensorBoardEventFiles.Find(Path.Combine(run.Folder, "tensorboard")));
        var values = EventFileReader.ReadValues(eventFile);
        Assert.Equal([10L, 20], values.Where(value => value.Tag == "train/loss_g").Select(value => value.Step));
        Assert.Equal([0L, 20], values.Where(value => value.Tag == TensorBoardLog.SamplesTag).Select(value => value.Step));
    }

    [Fact]
    public void Export_WritesRunWeightsUnderTorchNames()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("export");

        var result = CliProcess.Run("export", "--run", run.Folder, "--format", "pytorch", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = RunFolder.Open(run.Folder);
        using var generator = folder.LoadGenerator();
        using var exported = GanModelFactory.CreateGenerator(folder.Configuration.Model, folder.Shape.DataKind, folder.Shape.SampleShape);
        PyTorchStateDict.Load(exported, Path.Combine(output, "generator.pt"), "generator");
        foreach (var ((name, expected), (exportedName, actual)) in generator.named_parameters().Zip(exported.named_parameters()))
        {
            Assert.Equal(name, exportedName);
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        }

        var discriminatorNames = PyTorchStateDict.ReadEntries(Path.Combine(output, "discriminator.pt")).Select(entry => entry.Name);
        Assert.Equal(["net.0.bias", "net.0.weight", "net.2.bias", "net.2.weight", "net.4.bias", "net.4.weight"], discriminatorNames);
    }

    [Fact]
    public void Export_RejectsRunFolderAsOut()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var weightsBefore = File.ReadAllBytes(Path.Combine(run.Folder, TrainingRun.GeneratorFileName));

        var result = CliProcess.Run("export", "--run", run.Folder, "--out", run.Folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("would replace the run's own generator.pt", result.StandardError);
        Assert.Equal(weightsBefore, File.ReadAllBytes(Path.Combine(run.Folder, TrainingRun.GeneratorFileName)));
    }

    [Fact]
    public void Train_StartsFromExportedWeights()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var export = run.TemporaryFile("init-export");
        Assert.Equal(0, CliProcess.Run("export", "--run", run.Folder, "--out", export).ExitCode);
        var output = run.TemporaryFile("from-export");
        var generatorPath = Path.Combine(export, "generator.pt");
        var discriminatorPath = Path.Combine(export, "discriminator.pt");

        var result = CliProcess.Run(
            "train", "--data", "gaussian1d", "--steps", "5", "--eval-interval", "0", "--phase-steps", "none", "--tensorboard", "none",
            "--init-generator", generatorPath, "--init-discriminator", discriminatorPath, "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var configuration = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, TrainingRun.ConfigFileName)));
        Assert.Equal(generatorPath, configuration.RootElement.GetProperty("init_generator").GetString());
        Assert.Equal(discriminatorPath, configuration.RootElement.GetProperty("init_discriminator").GetString());
        Assert.Equal(JsonValueKind.Null, configuration.RootElement.GetProperty("tensorboard").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(output, "tensorboard")));
    }

    [Fact]
    public void Train_RejectsInitFileOfOtherShape()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var export = run.TemporaryFile("shape-export");
        Assert.Equal(0, CliProcess.Run("export", "--run", run.Folder, "--out", export).ExitCode);
        var output = run.TemporaryFile("wrong-shape");

        var result = CliProcess.Run(
            "train", "--data", "gaussian1d", "--g-hidden", "32,64", "--init-generator", Path.Combine(export, "generator.pt"), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("net.0.weight of shape [64, 8] but the generator expects [32, 8]", result.StandardError);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Export_RejectsRunFolderWithTrailingSeparatorAndCheckpoints()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var checkpoint = Directory.GetDirectories(Path.Combine(run.Folder, "checkpoints"))[0];
        var weights = new[] { Path.Combine(run.Folder, TrainingRun.GeneratorFileName), Path.Combine(checkpoint, TrainingRun.GeneratorFileName) };
        var before = weights.Select(File.ReadAllBytes).ToList();

        var runWithSeparator = CliProcess.Run("export", "--run", run.Folder + "/", "--out", run.Folder);
        var outWithSeparator = CliProcess.Run("export", "--run", run.Folder, "--out", run.Folder + "/");
        var intoCheckpoint = CliProcess.Run("export", "--run", run.Folder, "--out", checkpoint);

        Assert.All([runWithSeparator, outWithSeparator, intoCheckpoint], result => Assert.Equal(2, result.ExitCode));
        Assert.Contains("would replace the run's own generator.pt", intoCheckpoint.StandardError);
        Assert.Equal(before, weights.Select(File.ReadAllBytes));
    }

    [Fact]
    public void Sample_RejectsRunFileWhenRunHasTrailingSeparator()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var metrics = Path.Combine(run.Folder, "metrics.csv");
        var before = File.ReadAllBytes(metrics);

        var result = CliProcess.Run("sample", "--run", run.Folder + "/", "--count", "3", "--out", metrics);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("it would overwrite a file of the run folder", result.StandardError);
        Assert.Equal(before, File.ReadAllBytes(metrics));
    }

    [Fact]
    public void Sample_RejectsFolderAsOut()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var folder = run.TemporaryFile("points.csv");
        Directory.CreateDirectory(folder);

        var result = CliProcess.Run("sample", "--run", run.Folder, "--count", "3", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Invalid --out {folder}: it is a folder.", result.StandardError);
    }

    [Fact]
    public void Train_RejectsInitFolderNamingTheFileInside()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var export = run.TemporaryFile("folder-export");
        Assert.Equal(0, CliProcess.Run("export", "--run", run.Folder, "--out", export).ExitCode);
        var output = run.TemporaryFile("init-folder");

        var result = CliProcess.Run("train", "--data", "gaussian1d", "--init-discriminator", export, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"it is a folder. Give the state dictionary file inside it, such as {Path.Combine(export, "discriminator.pt")}", result.StandardError);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Train_RejectsTensorBoardFolderOfOtherRun()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var output = run.TemporaryFile("second-writer");

        var result = CliProcess.Run(
            "train", "--data", "gaussian1d", "--steps", "5", "--tensorboard", Path.Combine(run.Folder, "tensorboard"), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already contains TensorBoard event files", result.StandardError);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Train_IntoUsedRunFolder_NamesOut()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());

        var result = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "5", "--out", run.Folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Invalid --out {run.Folder}: the folder is not empty", result.StandardError);
    }
}

using GanSharp.Models;
using GanSharp.Objectives;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

public sealed class RunConfigurationFileTests
{
    [Fact]
    public void FullFile_ReadsEveryField()
    {
        var defaults = RunConfiguration.CreateDefault("mixture1d", ModelDesign.Goodfellow2014);
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = 123, Seed = 9, Objective = GeneratorObjective.Minimax },
            PhaseSteps = [0, 50, 123],
        };

        var read = RunConfigurationFile.Parse(configuration.ToJson(), "run.json");

        Assert.Equal(configuration.ToJson(), read.ToJson());
    }

    [Fact]
    public void PartialFile_GetsDefaultsOfItsData()
    {
        const string json = """{ "data": { "name": "ring8" }, "training": { "steps": 40 } }""";

        var read = RunConfigurationFile.Parse(json, "run.json");

        var expected = RunConfiguration.CreateDefault("ring8");
        Assert.Equal(40, read.Training.Steps);
        Assert.Equal(expected.Model.GeneratorHidden, read.Model.GeneratorHidden);
        Assert.Equal(expected.Training.BatchSize, read.Training.BatchSize);
        Assert.Equal(expected.SampleCount, read.SampleCount);
    }

    [Fact]
    public void EmptyObject_IsTheMnistDefault()
    {
        var read = RunConfigurationFile.Parse("{}", "run.json");

        Assert.Equal(RunConfiguration.CreateDefault("mnist").ToJson(), read.ToJson());
    }

    [Fact]
    public void PartialSgdFile_GetsSgdLearningRate()
    {
        const string json = """{ "data": { "name": "ring8" }, "training": { "optimizer": "sgd", "learning_rate_d": 0.05 } }""";

        var read = RunConfigurationFile.Parse(json, "run.json");

        Assert.Equal(0.01, read.Training.LearningRateG);
        Assert.Equal(0.05, read.Training.LearningRateD);
    }

    [Fact]
    public void CommentsAndTrailingCommas_Accepted()
    {
        const string json = """
            {
              // a short run
              "data": { "name": "gaussian1d", },
              "training": { "steps": 15 },
            }
            """;

        var read = RunConfigurationFile.Parse(json, "run.json");

        Assert.Equal(15, read.Training.Steps);
    }

    [Theory]
    [InlineData("""{ "training": { "stepz": 3 } }""", "unknown field training.stepz")]
    [InlineData("""{ "sample_every": 3 }""", "unknown field sample_every")]
    [InlineData("""{ "training": { "steps": "many" } }""", "field training.steps on line 1")]
    [InlineData("""{ "model": { "design": "dcgan" } }""", "field model.design")]
    [InlineData("""{ "data": { "name": "cifar" } }""", "field data.name 'cifar' is unknown")]
    [InlineData("[1, 2]", "one JSON object")]
    [InlineData("{\n  \"training\": { \"steps\": 3 x }\n}", "malformed on line 2")]
    [InlineData("{\n  \"training\": { \"steps\": 3,\n    \"steps\": 4 }\n}", "the JSON is malformed (Duplicate property 'steps'")]
    public void BadFile_NamesFileAndField(string json, string expected)
    {
        var exception = Assert.Throws<InvalidDataException>(() => RunConfigurationFile.Parse(json, "/tmp/run.json"));

        Assert.Contains("/tmp/run.json", exception.Message);
        Assert.Contains(expected, exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "gansharp-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var exception = Assert.Throws<FileNotFoundException>(() => RunConfigurationFile.Read(path));

        Assert.Contains(path, exception.Message);
    }
}

using GanSharp.Models;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

public sealed class RunConfigurationTests
{
    [Fact]
    public void Goodfellow2014Images_UseTheWidthsOf2014()
    {
        var configuration = RunConfiguration.CreateDefault("mnist", ModelDesign.Goodfellow2014);

        Assert.Equal(ModelDesign.Goodfellow2014, configuration.Model.Design);
        Assert.Equal([1200, 1200], configuration.Model.GeneratorHidden);
        Assert.Equal([240, 240], configuration.Model.DiscriminatorHidden);
        Assert.Equal(5, configuration.Model.MaxoutPieces);
        Assert.Equal(0.5, configuration.Model.Dropout);
        Assert.Equal(NoisePrior.Uniform, configuration.Model.NoisePrior);
    }

    [Fact]
    public void CommonImages_UseTheMainJobModel()
    {
        var configuration = RunConfiguration.CreateDefault("mnist");

        Assert.Equal(ModelDesign.Common, configuration.Model.Design);
        Assert.Equal([256, 512, 1024], configuration.Model.GeneratorHidden);
        Assert.Equal([512, 256], configuration.Model.DiscriminatorHidden);
        Assert.Equal(10_000, configuration.Training.Steps);
    }

    [Fact]
    public void PointFile_HasNoTheoryMetricsByDefault()
    {
        var defaults = RunConfiguration.CreateDefault("points");
        var configuration = defaults with { Data = defaults.Data with { Path = "ring.csv" } };

        configuration.Validate();

        Assert.Equal(0, configuration.EvaluationInterval);
        Assert.Equal([64, 64], configuration.Model.GeneratorHidden);
        Assert.Equal(256, configuration.Training.BatchSize);
    }

    [Fact]
    public void PointFile_RejectsEvaluationInterval()
    {
        var defaults = RunConfiguration.CreateDefault("points");
        var configuration = defaults with { Data = defaults.Data with { Path = "ring.csv" }, EvaluationInterval = 50 };

        var exception = Assert.Throws<ArgumentException>(configuration.Validate);

        Assert.Equal(
            "Invalid --eval-interval 50 for --data points: the theory metrics need a built-in point distribution with a known density. Use 0 or leave it out.",
            exception.Message);
    }

    [Fact]
    public void DataPath_RejectedWithoutIdx()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with { Data = defaults.Data with { Path = "images-idx3-ubyte" } };

        var exception = Assert.Throws<ArgumentException>(configuration.Validate);

        Assert.Contains("--data-path images-idx3-ubyte", exception.Message);
    }

    [Fact]
    public void Json_RoundTripsEveryField()
    {
        var configuration = RunConfiguration.CreateDefault("gaussian1d", ModelDesign.Goodfellow2014);

        var copy = RunConfiguration.FromJson(configuration.ToJson(), "test");

        Assert.Equal(configuration.ToJson(), copy.ToJson());
    }

    [Fact]
    public void Json_WithoutModelKindLoadsMlp()
    {
        var json = RunConfiguration.CreateDefault("mnist").ToJson();
        var withoutKind = System.Text.RegularExpressions.Regex.Replace(json, ",\\s*\"kind\": \"mlp\"", "");

        var configuration = RunConfiguration.FromJson(withoutKind, "config.json");

        Assert.DoesNotContain("\"kind\"", withoutKind);
        Assert.Equal(ModelKind.Mlp, configuration.Model.Kind);
    }

    [Fact]
    public void Json_NullSectionIsInvalidData()
    {
        var json = RunConfiguration.CreateDefault("ring8").ToJson().Replace("\"model\": {", "\"model\": null, \"unused\": {");

        var exception = Assert.Throws<InvalidDataException>(() => RunConfiguration.FromJson(json, "config.json"));

        Assert.Contains("config.json", exception.Message);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void Seed_OutsideLibTorchRangeRejected(long seed)
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with { Training = defaults.Training with { Seed = seed } };

        var exception = Assert.Throws<ArgumentException>(configuration.Validate);

        Assert.Contains($"--seed {seed}", exception.Message);
    }
}

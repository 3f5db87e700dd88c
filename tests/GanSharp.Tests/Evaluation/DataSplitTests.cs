using GanSharp.Data;
using GanSharp.Tests.Data;
using GanSharp.Training;

namespace GanSharp.Tests.Evaluation;

public sealed class DataSplitTests
{
    [Theory]
    [InlineData(DataSplit.Train, 8000)]
    [InlineData(DataSplit.Validation, 1000)]
    [InlineData(DataSplit.Test, 1000)]
    [InlineData(DataSplit.All, 10000)]
    public void BundledDigits_SplitByIndex(DataSplit split, int expected)
    {
        using var source = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, IdxTestFiles.MnistLabelsPath, PixelRange.ZeroToOne, split);

        Assert.Equal(expected, source.Count);
        Assert.Equal(expected, source.Labels!.Length);
    }

    [Theory]
    [InlineData(DataSplit.Validation)]
    [InlineData(DataSplit.Test)]
    public void HeldOutSplits_HoldEveryDigit(DataSplit split)
    {
        using var source = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, IdxTestFiles.MnistLabelsPath, PixelRange.ZeroToOne, split);

        var counts = source.Labels!.GroupBy(label => label).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 70, 130));
    }

    [Fact]
    public void Splits_AreDisjointAndComplete()
    {
        var train = DataSplitRule.Indices(DataSplit.Train, 95);
        var validation = DataSplitRule.Indices(DataSplit.Validation, 95);
        var test = DataSplitRule.Indices(DataSplit.Test, 95);

        Assert.Equal(Enumerable.Range(0, 95), train.Concat(validation).Concat(test).Order());
        Assert.Equal([8, 18, 28, 38, 48, 58, 68, 78, 88], validation);
    }

    [Fact]
    public void Select_KeepsTheImagesOfTheSplit()
    {
        var data = Enumerable.Range(0, 20).SelectMany(index => new[] { (byte)index, (byte)(index + 100) }).ToArray();
        var file = new IdxFile("test", [20, 1, 2], data);

        var selected = DataSplitRule.Select(file, DataSplit.Test);

        Assert.Equal([2, 1, 2], selected.Dimensions);
        Assert.Equal(new byte[] { 9, 109, 19, 119 }, selected.Data);
    }

    [Fact]
    public void Select_TooFewImagesRejected()
    {
        var file = new IdxFile("tiny.idx", [5, 1, 1], new byte[5]);

        var exception = Assert.Throws<InvalidDataException>(() => DataSplitRule.Select(file, DataSplit.Validation));

        Assert.Contains("tiny.idx", exception.Message);
    }

    [Fact]
    public void DefaultMnistRun_TrainsOnTrainingSplit()
    {
        Assert.Equal(DataSplit.Train, RunConfiguration.CreateDefault("mnist").Data.Split);
        Assert.Equal(DataSplit.All, RunConfiguration.CreateDefault("idx").Data.Split);
        Assert.Equal(DataSplit.All, RunConfiguration.CreateDefault("ring8").Data.Split);
    }

    [Fact]
    public void ConfigWithoutSplit_LoadsAsAll()
    {
        var json = RunConfiguration.CreateDefault("mnist").ToJson().Replace("\"split\": \"train\"", "\"unused\": 0", StringComparison.Ordinal);
        Assert.DoesNotContain("split", json);

        var configuration = RunConfiguration.FromJson(json.Replace(",\n    \"unused\": 0", "", StringComparison.Ordinal), "config.json");

        Assert.Equal(DataSplit.All, configuration.Data.Split);
    }

    [Fact]
    public void Json_RecordsTheSplit()
    {
        var json = RunConfiguration.CreateDefault("mnist").ToJson();

        Assert.Contains("\"split\": \"train\"", json);
    }

    [Fact]
    public void PointDataWithSplit_Rejected()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with { Data = defaults.Data with { Split = DataSplit.Train } };

        var exception = Assert.Throws<ArgumentException>(configuration.Validate);

        Assert.Contains("--split", exception.Message);
    }
}

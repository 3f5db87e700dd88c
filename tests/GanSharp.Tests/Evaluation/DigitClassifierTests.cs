using GanSharp.Data;
using GanSharp.Evaluation;
using GanSharp.Tests.Data;
using GanSharp.Tests.Reporting;
using static TorchSharp.torch;

namespace GanSharp.Tests.Evaluation;

public sealed class DigitClassifierTests
{
    [Fact]
    public void BriefTraining_BeatsChanceClearly()
    {
        using var train = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, IdxTestFiles.MnistLabelsPath, PixelRange.ZeroToOne, DataSplit.Train);
        using var test = IdxImageDataSource.Load(IdxTestFiles.MnistImagesPath, IdxTestFiles.MnistLabelsPath, PixelRange.ZeroToOne, DataSplit.Test);
        using var images = train.Images.narrow(0, 0, 400);
        using var testImages = test.Images.narrow(0, 0, 300);

        using var classifier = DigitClassifierTraining.Train(images, train.Labels![..400], new DigitClassifierOptions(Seed: 2, Epochs: 3, BatchSize: 32));
        var accuracy = classifier.Accuracy(testImages, test.Labels![..300]);

        // Chance is 10 %, so more than 50 % shows that training works.
        Assert.True(accuracy > 0.5, $"accuracy {accuracy:P1} on 300 test digits");
    }

    [Fact]
    public void Features_HavePenultimateWidth()
    {
        using var classifier = new DigitClassifier();
        using var images = rand(7, 1, 28, 28);

        using var features = classifier.ExtractFeatures(images, batchSize: 3);

        Assert.Equal(new long[] { 7, DigitClassifier.FeatureCount }, features.shape);
        Assert.Equal(7, classifier.Predict(images).Length);
    }

    [Fact]
    public void WrongImageSize_Rejected()
    {
        using var classifier = new DigitClassifier();
        using var images = rand(2, 1, 32, 32);

        var exception = Assert.Throws<ArgumentException>(() => classifier.Predict(images));

        Assert.Contains("[2, 1, 32, 32]", exception.Message);
    }

    [Fact]
    public void Cache_LoadsWhatItStored()
    {
        using var cache = new TemporaryDirectory();
        var options = new DigitClassifierOptions(Seed: 3, Epochs: 1, BatchSize: 256);

        var first = DigitClassifierCache.LoadOrTrain(options, cache.Path);
        var second = DigitClassifierCache.LoadOrTrain(options, cache.Path);

        Assert.True(first.Trained);
        Assert.False(second.Trained);
        Assert.Equal(first.WeightsPath, second.WeightsPath);
        Assert.Equal(first.Info.TestAccuracy, second.Info.TestAccuracy);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(first.WeightsPath)!, DigitClassifierCache.InfoFileName)));
        first.Classifier.Dispose();
        second.Classifier.Dispose();
    }

    [Fact]
    public void Cache_RetrainsDamagedWeights()
    {
        using var cache = new TemporaryDirectory();
        var options = new DigitClassifierOptions(Seed: 4, Epochs: 1, BatchSize: 256);
        var first = DigitClassifierCache.LoadOrTrain(options, cache.Path);
        first.Classifier.Dispose();
        File.WriteAllBytes(first.WeightsPath, [1, 2, 3]);

        var second = DigitClassifierCache.LoadOrTrain(options, cache.Path);

        Assert.True(second.Trained);
        Assert.Equal(first.Info.TestAccuracy, second.Info.TestAccuracy);
        second.Classifier.Dispose();
    }
}

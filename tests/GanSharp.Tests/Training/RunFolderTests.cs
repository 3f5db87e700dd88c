using System.Runtime.InteropServices;
using GanSharp.Models;
using GanSharp.Runtime;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

public sealed class RunFolderTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(ModelDesign.Common)]
    [InlineData(ModelDesign.Goodfellow2014)]
    public void Generate_SameSeedGivesSameImages(ModelDesign design)
    {
        var folder = RunFolder.Open(TrainTinyDigitsRun(design));

        using var first = folder.Generate(count: 8, seed: 5);
        using var second = folder.Generate(count: 8, seed: 5);
        using var other = folder.Generate(count: 8, seed: 6);

        Assert.Equal([8L, 1, 28, 28], first.shape);
        Assert.True(BitwiseEqual(first, second), "the same seed gave different images");
        Assert.False(BitwiseEqual(first, other), "seeds 5 and 6 gave the same images");
    }

    [Theory]
    [InlineData(ModelDesign.Common, -1.0, 1.0)]
    [InlineData(ModelDesign.Goodfellow2014, 0.0, 1.0)]
    public void Generate_ImagesStayInOutputRange(ModelDesign design, double low, double high)
    {
        var runDirectory = TrainTinyDigitsRun(design);
        AmplifyGeneratorWeights(runDirectory, factor: 50);
        var folder = RunFolder.Open(runDirectory);

        using var images = folder.Generate(count: 16, seed: 1);
        var minimum = images.min().item<float>();
        var maximum = images.max().item<float>();

        Assert.InRange(minimum, low, high);
        Assert.InRange(maximum, low, high);

        // The amplified weights drive the output activation into saturation, so a missing activation would show.
        Assert.True(maximum > high - 0.01, $"maximum {maximum} never reached the top of the range");
        Assert.True(minimum < low + 0.01, $"minimum {minimum} never reached the bottom of the range");
    }

    /// <summary>Trains one step on the bundled digits with a small model and returns the run folder.</summary>
    private string TrainTinyDigitsRun(ModelDesign design)
    {
        var defaults = RunConfiguration.CreateDefault("mnist");
        var configuration = defaults with
        {
            Model = defaults.Model with { Design = design, LatentDim = 8, GeneratorHidden = [16], DiscriminatorHidden = [16] },
            Training = defaults.Training with { Steps = 1, BatchSize = 8 },
            SampleCount = 4,
        };
        var output = directory.File($"digits-{design}");
        new TrainingRun(configuration, output).Execute();
        return output;
    }

    /// <summary>Multiplies every generator parameter by <paramref name="factor"/> and saves the weights back.</summary>
    private static void AmplifyGeneratorWeights(string runDirectory, double factor)
    {
        using var generator = RunFolder.Open(runDirectory).LoadGenerator();
        using (no_grad())
        {
            foreach (var parameter in generator.parameters())
            {
                parameter.mul_(factor);
            }
        }

        ModuleFiles.Save(generator, Path.Combine(runDirectory, TrainingRun.GeneratorFileName));
    }

    private static bool BitwiseEqual(Tensor left, Tensor right)
    {
        var leftValues = left.contiguous().data<float>().ToArray();
        var rightValues = right.contiguous().data<float>().ToArray();
        return MemoryMarshal.AsBytes(leftValues.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(rightValues.AsSpan()));
    }
}

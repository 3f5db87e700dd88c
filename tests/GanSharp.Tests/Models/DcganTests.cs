using GanSharp.Data;
using GanSharp.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Tests.Models;

public sealed class DcganTests
{
    /// <summary>A DCGAN small enough to build and run in milliseconds.</summary>
    private static readonly ModelOptions TinyDcgan =
        new(ModelDesign.Common, LatentDim: 8, GeneratorHidden: [], DiscriminatorHidden: [], Dropout: 0,
            MaxoutPieces: 5, NoisePrior.Normal, ModelKind.Dcgan, GeneratorBaseWidth: 4, DiscriminatorBaseWidth: 4);

    [Theory]
    [InlineData(1, 16)]
    [InlineData(3, 16)]
    [InlineData(1, 28)]
    [InlineData(3, 28)]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(1, 64)]
    [InlineData(3, 64)]
    [InlineData(3, 128)]
    public void Generator_ProducesImageShape(int channels, int size)
    {
        using var scope = NewDisposeScope();
        using var generator = GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Image, [channels, size, size]);

        var images = generator.forward(randn(5, TinyDcgan.LatentDim));

        Assert.Equal([5L, channels, size, size], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1, "tanh output left [-1, 1]");
        Assert.Equal(OutputActivation.Tanh, generator.OutputActivation);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(3, 16)]
    [InlineData(1, 28)]
    [InlineData(3, 28)]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(1, 64)]
    [InlineData(3, 64)]
    public void Discriminator_ReturnsOneLogitPerImage(int channels, int size)
    {
        using var scope = NewDisposeScope();
        using var discriminator = GanModelFactory.CreateDiscriminator(TinyDcgan, [channels, size, size]);

        var logits = discriminator.forward(randn(5, channels, size, size));

        Assert.Equal([5L], logits.shape);
    }

    [Theory]
    [InlineData(1, 8, 8, "8×8")]
    [InlineData(1, 20, 20, "20×20")]
    [InlineData(1, 48, 48, "48×48")]
    [InlineData(3, 32, 16, "32×16")]
    [InlineData(2, 32, 32, "channels 2")]
    public void UnsupportedShape_RejectedWithSize(int channels, int height, int width, string named)
    {
        var generatorError = Assert.Throws<ArgumentException>(
            () => GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Image, [channels, height, width]));
        var discriminatorError = Assert.Throws<ArgumentException>(
            () => GanModelFactory.CreateDiscriminator(TinyDcgan, [channels, height, width]));

        Assert.Contains(named, generatorError.Message);
        Assert.Contains("--model dcgan", generatorError.Message);
        Assert.Contains(named, discriminatorError.Message);
    }

    [Fact]
    public void PointShape_Rejected()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Points2D, [2]));

        Assert.Contains("--model mlp", exception.Message);
    }

    [Fact]
    public void Initialization_FollowsRadford2015()
    {
        var options = TinyDcgan with { GeneratorBaseWidth = 128, DiscriminatorBaseWidth = 128 };
        using var generator = GanModelFactory.CreateGenerator(options, DataKind.Image, [3, 32, 32]);
        using var discriminator = GanModelFactory.CreateDiscriminator(options, [3, 32, 32]);

        foreach (var network in new nn.Module[] { generator, discriminator })
        {
            foreach (var (name, module) in network.named_modules())
            {
                switch (module)
                {
                    case Conv2d convolution:
                        AssertNormal(convolution.weight!, 0, name);
                        AssertZeroOrAbsent(convolution.bias, name);
                        break;
                    case ConvTranspose2d transposed:
                        AssertNormal(transposed.weight!, 0, name);
                        AssertZeroOrAbsent(transposed.bias, name);
                        break;
                    case BatchNorm2d normalisation:
                        AssertNormal(normalisation.weight!, 1, name);
                        AssertZeroOrAbsent(normalisation.bias, name);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Initialization_ReachesEveryLayer()
    {
        using var generator = GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Image, [1, 64, 64]);
        using var discriminator = GanModelFactory.CreateDiscriminator(TinyDcgan, [1, 64, 64]);

        // 64 × 64 has four stride-2 stages: the projection, 3 hidden blocks and the output in G; 4 blocks and the logit in D.
        Assert.Equal(5, generator.modules().Count(module => module is ConvTranspose2d));
        Assert.Equal(4, generator.modules().Count(module => module is BatchNorm2d));
        Assert.Equal(5, discriminator.modules().Count(module => module is Conv2d));
        Assert.Equal(3, discriminator.modules().Count(module => module is BatchNorm2d));
    }

    [Fact]
    public void EvalMode_ImageAloneEqualsImageInBatch()
    {
        using var scope = NewDisposeScope();
        using var generator = GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Image, [1, 28, 28]);
        MoveRunningStatistics(generator);
        var noise = randn(6, TinyDcgan.LatentDim);

        generator.eval();
        Tensor batch;
        Tensor alone;
        using (no_grad())
        {
            batch = generator.forward(noise);
            alone = generator.forward(noise[3..4]);
        }

        Assert.True(allclose(batch[3..4], alone, rtol: 1e-5, atol: 1e-6), "the image generated alone differs from the same noise's image in the batch");
    }

    [Fact]
    public void TrainerGenerate_ImageAloneEqualsImageInBatch()
    {
        var data = DataSourceFactory.Create(new GanSharp.Training.DataOptions("mnist"), ModelDesign.Common);
        var training = GanSharp.Training.RunConfiguration.CreateDefault("mnist", kind: ModelKind.Dcgan).Training with { BatchSize = 8 };
        using var trainer = new GanSharp.Training.GanTrainer(data, TinyDcgan, training, fixedNoiseCount: 6);
        trainer.TrainIteration();
        trainer.TrainIteration();

        using var batch = trainer.Generate(trainer.FixedNoise);
        using var alone = trainer.Generate(trainer.FixedNoise[3..4]);

        Assert.True(allclose(batch[3..4], alone, rtol: 1e-5, atol: 1e-6), "the sample generated alone differs from the same noise's sample in the batch");
        Assert.True(trainer.Generator.training, "Generate left the generator in evaluation mode for training");
    }

    [Fact]
    public void TrainMode_ImageDependsOnBatch()
    {
        // The counterpart of the evaluation-mode test: batch statistics tie the images of a minibatch together,
        // so a test that forgot eval() would see a difference.
        using var scope = NewDisposeScope();
        using var generator = GanModelFactory.CreateGenerator(TinyDcgan, DataKind.Image, [1, 28, 28]);
        var noise = randn(6, TinyDcgan.LatentDim);

        generator.train();
        Tensor batch;
        Tensor pair;
        using (no_grad())
        {
            batch = generator.forward(noise);
            pair = generator.forward(noise[2..4]);
        }

        Assert.False(allclose(batch[3..4], pair[1..2], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Validate_RejectsMlpOptionsForDcgan()
    {
        var withHidden = TinyDcgan with { GeneratorHidden = [256] };
        var withDropout = TinyDcgan with { Dropout = 0.3 };
        var with2014Design = TinyDcgan with { Design = ModelDesign.Goodfellow2014 };
        var withZeroWidth = TinyDcgan with { DiscriminatorBaseWidth = 0 };

        Assert.Contains("--g-hidden", Assert.Throws<ArgumentException>(withHidden.Validate).Message);
        Assert.Contains("--dropout 0.3", Assert.Throws<ArgumentException>(withDropout.Validate).Message);
        Assert.Contains("--design goodfellow2014", Assert.Throws<ArgumentException>(with2014Design.Validate).Message);
        Assert.Contains("--d-width 0", Assert.Throws<ArgumentException>(withZeroWidth.Validate).Message);
    }

    /// <summary>Runs training-mode passes so that the batch-normalisation running statistics leave their initial 0 and 1.</summary>
    private static void MoveRunningStatistics(nn.Module<Tensor, Tensor> generator)
    {
        generator.train();
        using var noGrad = no_grad();
        for (var pass = 0; pass < 3; pass++)
        {
            generator.forward(randn(16, TinyDcgan.LatentDim) * 3 + 1);
        }

        var runningMean = generator.modules().OfType<BatchNorm2d>().First().running_mean!;
        Assert.True(runningMean.abs().max().item<float>() > 1e-3, "the running mean did not move");
    }

    private static void AssertNormal(Tensor weight, double expectedMean, string name)
    {
        // With at least 128 values, the bounds are more than 4 standard errors of the sample mean and deviation.
        Assert.True(weight.numel() >= 128, $"{name} has too few values to check");
        var mean = weight.mean().item<float>();
        var deviation = weight.std().item<float>();
        Assert.True(Math.Abs(mean - expectedMean) < 0.01, $"{name} has mean {mean}, expected about {expectedMean}");
        Assert.True(Math.Abs(deviation - 0.02) < 0.006, $"{name} has standard deviation {deviation}, expected about 0.02");
    }

    private static void AssertZeroOrAbsent(Tensor? bias, string name)
    {
        if (bias is not null)
        {
            Assert.True(bias.abs().max().item<float>() == 0, $"{name} has a non-zero bias");
        }
    }
}

using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Theory;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Tests.Theory;

public sealed class PhaseCaptureTests
{
    [Fact]
    public void Capture_OfTrainedRunIsConsistent()
    {
        var (trainer, data) = Train("gaussian1d", NoisePrior.Normal, steps: 150);
        using var _ = trainer;
        trainer.Generator.train();
        trainer.Discriminator.train();

        var snapshot = PhaseCapture.Capture(trainer, data, "(b) step 150");

        Assert.Equal("(b) step 150", snapshot.Label);
        Assert.Equal(150, snapshot.Step);
        Assert.Equal(PhaseCapture.GridPoints, snapshot.Grid.Length);
        Assert.Equal(snapshot.Grid.Length, snapshot.DataDensity.Length);
        Assert.Equal(snapshot.Grid.Length, snapshot.GeneratorDensity.Length);
        Assert.Equal(snapshot.Grid.Length, snapshot.Discriminator.Length);
        Assert.Equal(PhaseCapture.NoisePoints, snapshot.Noise.Length);
        Assert.Equal(snapshot.Noise.Length, snapshot.Mapped.Length);
        Assert.True(snapshot.Grid.Zip(snapshot.Grid.Skip(1)).All(pair => pair.First < pair.Second), "the grid is not increasing");

        // The grid covers the central 99.9 % of p_data and the generated samples between their 0.1 % and 99.9 % quantiles.
        Assert.InRange(Trapezoid(snapshot.Grid, snapshot.DataDensity), 0.998, 1.001);
        Assert.InRange(Trapezoid(snapshot.Grid, snapshot.GeneratorDensity), 0.99, 1.001);
        Assert.All(snapshot.Discriminator, value => Assert.InRange(value, double.Epsilon, 1 - 1e-12));

        Assert.True(trainer.Generator.training, "the generator was left in evaluation mode");
        Assert.True(trainer.Discriminator.training, "the discriminator was left in evaluation mode");
    }

    [Fact]
    public void Capture_MappedIsGeneratorOfNoise()
    {
        var (trainer, data) = Train("mixture1d", NoisePrior.Normal, steps: 20);
        using var _ = trainer;

        var snapshot = PhaseCapture.Capture(trainer, data, "(a) step 20");

        Assert.Equal(-2.5, snapshot.Noise[0], 1e-12);
        Assert.Equal(2.5, snapshot.Noise[^1], 1e-12);
        var spacing = snapshot.Noise.Zip(snapshot.Noise.Skip(1), (low, high) => high - low);
        Assert.All(spacing, step => Assert.Equal(5.0 / 19, step, 1e-12));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        trainer.Generator.eval();
        var noise = zeros(snapshot.Noise.Length, trainer.Model.LatentDim);
        for (var index = 0; index < snapshot.Noise.Length; index++)
        {
            noise[index, 0] = tensor((float)snapshot.Noise[index]);
        }

        var expected = trainer.Generator.forward(noise).data<float>().ToArray();
        for (var index = 0; index < expected.Length; index++)
        {
            Assert.Equal(expected[index], snapshot.Mapped[index], 1e-6);
        }
    }

    [Fact]
    public void Capture_UniformNoiseSpansMinusOneToOne()
    {
        var (trainer, data) = Train("gaussian1d", NoisePrior.Uniform, steps: 1);
        using var _ = trainer;

        var snapshot = PhaseCapture.Capture(trainer, data, "(a) step 1");

        Assert.Equal(-1.0, snapshot.Noise[0], 1e-12);
        Assert.Equal(1.0, snapshot.Noise[^1], 1e-12);
    }

    [Fact]
    public void Capture_RejectsPlaneData()
    {
        var (trainer, data) = Train("ring8", NoisePrior.Normal, steps: 0);
        using var _ = trainer;

        Assert.Throws<ArgumentException>(() => PhaseCapture.Capture(trainer, data, "ring8"));
    }

    private static (GanTrainer Trainer, GaussianMixture Data) Train(string name, NoisePrior prior, int steps)
    {
        var defaults = RunConfiguration.CreateDefault(name);
        var data = BuiltInDistributions.Create(name);
        var trainer = new GanTrainer(data, defaults.Model with { NoisePrior = prior }, defaults.Training with { Seed = 4 }, fixedNoiseCount: 1);
        while (trainer.Step < steps)
        {
            trainer.TrainIteration();
        }

        return (trainer, data);
    }

    private static double Trapezoid(double[] xs, double[] ys) =>
        Enumerable.Range(1, xs.Length - 1).Sum(index => (xs[index] - xs[index - 1]) * (ys[index] + ys[index - 1]) / 2);
}

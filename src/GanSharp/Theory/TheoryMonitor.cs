using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Theory;

/// <summary>
/// Measures JSD, C(G) and, for 1-D data, the distance of D from D* during training on a Gaussian mixture.
/// </summary>
/// <remarks>
/// Every measurement passes the same noise vectors through the generator, drawn once from a generator of its own,
/// so the numbers change between steps only because G changed, and training draws the same random numbers with or
/// without measurements. Both networks run in evaluation mode without gradient and return to their previous mode.
/// </remarks>
public sealed class TheoryMonitor : IDisposable
{
    /// <summary>Generated samples per measurement.</summary>
    public const int DefaultSampleCount = 20_000;

    // Offset of this monitor's random stream from the run's seed. GanTrainer uses the offsets 1 to 3.
    private const long SeedOffset = 4;

    private readonly GaussianMixture data;
    private readonly Tensor noise;

    /// <param name="data">The run's p_data, in one or two dimensions.</param>
    /// <param name="model">The run's model options, for the noise prior and dimension.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="sampleCount">Generated samples per measurement, at least 2.</param>
    public TheoryMonitor(GaussianMixture data, ModelOptions model, long seed, int sampleCount = DefaultSampleCount)
    {
        if (sampleCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "Use at least 2 samples, for example 20000.");
        }

        this.data = data;
        using var random = new Generator((ulong)(seed + SeedOffset));
        noise = NoiseSampler.Sample(model.NoisePrior, sampleCount, model.LatentDim, random, CPU).DetachFromDisposeScope();
    }

    /// <summary>Measures the trainer's current generator and discriminator.</summary>
    public TheoryMeasurement Measure(GanTrainer trainer)
    {
        var generated = Generate(trainer.Generator, noise, trainer.Device);
        return Measure(data, generated, trainer.Discriminator);
    }

    /// <summary>
    /// Measures generated samples, stored as [n, d] row-major values, against <paramref name="data"/>, and for 1-D data
    /// the discriminator against D*.
    /// </summary>
    /// <param name="data">p_data in one or two dimensions.</param>
    /// <param name="generated">n samples of dimension d = the data's, flattened row by row.</param>
    /// <param name="discriminator">A discriminator that returns logits; used for 1-D data only.</param>
    public static TheoryMeasurement Measure(GaussianMixture data, double[] generated, nn.Module<Tensor, Tensor> discriminator)
    {
        if (generated.Any(value => !double.IsFinite(value)))
        {
            return new TheoryMeasurement(double.NaN, data.Kind == DataKind.Points1D ? double.NaN : null, double.NaN);
        }

        if (data.Kind == DataKind.Points1D)
        {
            var densities = SmoothedDensities1D.Estimate(data, generated);
            var wasTraining = discriminator.training;
            try
            {
                return new TheoryMeasurement(densities.JensenShannon(), densities.OptimalDiscriminatorError(discriminator), densities.Bandwidth);
            }
            finally
            {
                discriminator.train(wasTraining);
            }
        }

        var xs = new double[generated.Length / 2];
        var ys = new double[generated.Length / 2];
        for (var index = 0; index < xs.Length; index++)
        {
            xs[index] = generated[2 * index];
            ys[index] = generated[2 * index + 1];
        }

        var plane = SmoothedDensities2D.Estimate(data, xs, ys);
        return new TheoryMeasurement(plane.JensenShannon(), null, plane.Bandwidth);
    }

    /// <summary>
    /// Returns G(<paramref name="noise"/>) as row-major values on the CPU, with the generator in evaluation mode and
    /// without gradient, then puts the generator back in its previous mode.
    /// </summary>
    internal static double[] Generate(nn.Module<Tensor, Tensor> generator, Tensor noise, Device device)
    {
        var wasTraining = generator.training;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            generator.eval();
            return generator.forward(noise.to(device)).cpu().to_type(float64).contiguous().data<double>().ToArray();
        }
        finally
        {
            generator.train(wasTraining);
        }
    }

    public void Dispose() => noise.Dispose();
}

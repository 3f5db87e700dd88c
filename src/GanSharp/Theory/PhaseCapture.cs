using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Theory;

/// <summary>Takes <see cref="PhaseSnapshot"/>s of a 1-D training run.</summary>
public static class PhaseCapture
{
    /// <summary>Generated samples behind the density estimate of p_g.</summary>
    public const int SampleCount = 20_000;

    /// <summary>Evenly spaced noise values mapped through G.</summary>
    public const int NoisePoints = 20;

    /// <summary>Points of the x grid.</summary>
    public const int GridPoints = 401;

    /// <summary>Largest |z| of the mapped noise values for a normal prior: 98.8 % of its mass lies within it.</summary>
    public const double NormalNoiseReach = 2.5;

    // Offset of the capture's random stream from the run's seed. GanTrainer uses 1 to 3 and TheoryMonitor 4.
    private const long SeedOffset = 5;

    /// <summary>
    /// Captures the state of <paramref name="trainer"/> on one-dimensional <paramref name="data"/>: D(x) on a grid,
    /// the kernel density estimate of p_g from many generated samples, and G(z) for evenly spaced z.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The noise values run over [−2.5, 2.5] for a normal prior and over [−1, 1] for a uniform one, in the first
    /// coordinate of z, with every other coordinate held at 0. The density estimate uses Silverman's bandwidth
    /// (<see cref="KernelDensity.FromSample"/>), so it is slightly wider than p_g. The grid covers the central
    /// 99.9 % of p_data, the generated samples between their 0.1 % and 99.9 % quantiles, and every mapped G(z),
    /// with 10 % added on each side.
    /// </para>
    /// <para>
    /// The generated samples come from a random stream of their own, seeded from the run's seed, so a capture does
    /// not change the noise that training draws. Both networks run in evaluation mode without gradient and return to
    /// their previous mode.
    /// </para>
    /// </remarks>
    /// <param name="trainer">The trainer; its <see cref="GanTrainer.Step"/> becomes the snapshot's step.</param>
    /// <param name="data">The one-dimensional p_data the trainer learns.</param>
    /// <param name="label">Caption, for example "(a) step 0".</param>
    /// <exception cref="ArgumentException">The data is not one-dimensional.</exception>
    public static PhaseSnapshot Capture(GanTrainer trainer, GaussianMixture data, string label)
    {
        if (data.Kind != DataKind.Points1D)
        {
            throw new ArgumentException($"The phases figure needs one-dimensional data, but {data.Name} has dimension {data.SampleShape[0]}.", nameof(data));
        }

        var model = trainer.Model;
        var noise = NoiseValues(model.NoisePrior);
        double[] generated;
        double[] mapped;
        using (var scope = NewDisposeScope())
        {
            using var random = new Generator((ulong)(trainer.Options.Seed + SeedOffset));
            var samplingNoise = NoiseSampler.Sample(model.NoisePrior, SampleCount, model.LatentDim, random, CPU);
            generated = TheoryMonitor.Generate(trainer.Generator, samplingNoise, trainer.Device);
            var mappingNoise = zeros(NoisePoints, model.LatentDim);
            mappingNoise.select(1, 0).copy_(tensor(noise, dtype: float32));
            mapped = TheoryMonitor.Generate(trainer.Generator, mappingNoise, trainer.Device);
        }

        var finite = generated.Where(double.IsFinite).ToArray();
        var grid = CreateGrid(data, finite, mapped);
        var dataDensity = grid.Select(data.Density).ToArray();
        var generatorDensity = EstimateDensity(finite, grid);

        var wasTraining = trainer.Discriminator.training;
        double[] discriminator;
        try
        {
            discriminator = DiscriminatorProbe.Evaluate(trainer.Discriminator, grid);
        }
        finally
        {
            trainer.Discriminator.train(wasTraining);
        }

        return new PhaseSnapshot(label, trainer.Step, grid, dataDensity, generatorDensity, discriminator, noise, mapped);
    }

    /// <summary>Returns <see cref="NoisePoints"/> evenly spaced values over the prior's range, ends included.</summary>
    public static double[] NoiseValues(NoisePrior prior)
    {
        var reach = prior == NoisePrior.Normal ? NormalNoiseReach : 1.0;
        return Enumerable.Range(0, NoisePoints).Select(index => -reach + 2 * reach * index / (NoisePoints - 1)).ToArray();
    }

    private static double[] CreateGrid(GaussianMixture data, double[] generated, double[] mapped)
    {
        var means = data.Means.Select(mean => mean[0]).ToArray();
        var reach = 10 * data.StandardDeviation;
        var central = CentralInterval.Containing(data.Density, 0.999, new IntegrationRange(means.Min() - reach, means.Max() + reach, 4000));
        var lower = central.Lower;
        var upper = central.Upper;
        if (generated.Length > 0)
        {
            var sorted = generated.Order().ToArray();
            lower = Math.Min(lower, sorted[(int)(0.001 * (sorted.Length - 1))]);
            upper = Math.Max(upper, sorted[(int)Math.Ceiling(0.999 * (sorted.Length - 1))]);
        }

        foreach (var value in mapped.Where(double.IsFinite))
        {
            lower = Math.Min(lower, value);
            upper = Math.Max(upper, value);
        }

        var margin = 0.1 * (upper - lower);
        lower -= margin;
        upper += margin;
        var step = (upper - lower) / (GridPoints - 1);
        return Enumerable.Range(0, GridPoints).Select(index => lower + index * step).ToArray();
    }

    /// <summary>Estimates p_g on the grid, or returns zeros when no sample is finite or they have no spread.</summary>
    private static double[] EstimateDensity(double[] generated, double[] grid)
    {
        var bandwidth = KernelDensity.SilvermanBandwidth(generated);
        if (bandwidth > 0)
        {
            return new KernelDensity(generated, bandwidth).Evaluate(grid);
        }

        if (generated.Length == 0)
        {
            return new double[grid.Length];
        }

        // A generator that collapsed onto one point: draw its mass as a kernel one grid step wide.
        return new KernelDensity(generated, grid[1] - grid[0]).Evaluate(grid);
    }
}

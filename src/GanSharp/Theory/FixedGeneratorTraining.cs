using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Theory;

/// <summary>
/// Trains a discriminator alone against a generator that never changes, the setting in which D converges to
/// D*(x) = p_data(x) / (p_data(x) + p_g(x)) and V̂ to C(G) = −ln 4 + 2 · JSD(p_data ‖ p_g).
/// </summary>
public static class FixedGeneratorTraining
{
    // Upper bound on the examples drawn from each sampler in one call during training.
    private const int ExamplesPerDraw = 16_384;

    /// <summary>
    /// Returns a sampler of the one-dimensional generator G(z) = <paramref name="shift"/> + <paramref name="scale"/> · z
    /// with z ~ N(0, 1), so that p_g = N(shift, scale²).
    /// </summary>
    public static Func<int, Generator, Tensor> AffineGenerator(double shift, double scale)
    {
        if (!double.IsFinite(shift) || !double.IsFinite(scale) || scale == 0)
        {
            throw new ArgumentException($"Invalid affine generator {shift} + {scale} · z: use finite numbers and a non-zero scale.");
        }

        return (count, random) =>
        {
            using var scope = NewDisposeScope();
            var noise = randn(count, 1, generator: random);
            return (noise * scale + shift).MoveToOuterDisposeScope();
        };
    }

    /// <summary>
    /// Trains a new discriminator for <see cref="DiscriminatorFitOptions.Steps"/> steps on fresh minibatches,
    /// descending the binary cross-entropy −V̂ of <see cref="GanLoss.DiscriminatorLoss"/> with Adam, then estimates
    /// V̂ on fresh evaluation samples.
    /// </summary>
    /// <param name="data">Source of real examples x ~ p_data.</param>
    /// <param name="sampleGenerated">
    /// Returns a float32 tensor of the given number of generated examples G(z), shaped like the data's minibatches,
    /// drawing its noise from the given random generator. It is called without gradient.
    /// </param>
    /// <param name="options">Architecture, optimizer and sample sizes.</param>
    /// <remarks>
    /// The initial weights come from torch's global random generator, which this method seeds with
    /// <see cref="DiscriminatorFitOptions.Seed"/>. The minibatches and evaluation samples come from separate
    /// generators derived from the same seed.
    /// NOTE: another thread that draws from torch's global generator during this call changes the initial weights,
    /// so results repeat exactly only when nothing else uses torch meanwhile.
    /// </remarks>
    public static DiscriminatorFit Train(IDataSource data, Func<int, Generator, Tensor> sampleGenerated, DiscriminatorFitOptions options)
    {
        options.Validate();
        random.manual_seed(options.Seed);
        var discriminator = GanModelFactory.CreateDiscriminator(options.Model, data.SampleShape);
        try
        {
            using (var dataRandom = new Generator((ulong)options.Seed + 1))
            using (var noiseRandom = new Generator((ulong)options.Seed + 2))
            {
                Fit(discriminator, data, sampleGenerated, options, dataRandom, noiseRandom);
            }

            double value;
            using (var dataRandom = new Generator((ulong)options.Seed + 3))
            using (var noiseRandom = new Generator((ulong)options.Seed + 4))
            {
                value = EstimateValue(discriminator, data, sampleGenerated, options.EvaluationSamples, dataRandom, noiseRandom);
            }

            return new DiscriminatorFit(discriminator, value, options.Steps);
        }
        catch
        {
            discriminator.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Computes V̂ = mean ln D(x) + mean ln(1 − D(G(z))) over <paramref name="count"/> fresh real and as many
    /// generated examples, in evaluation mode and without gradient.
    /// </summary>
    public static double EstimateValue(
        nn.Module<Tensor, Tensor> discriminator,
        IDataSource data,
        Func<int, Generator, Tensor> sampleGenerated,
        int count,
        Generator dataRandom,
        Generator noiseRandom)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        discriminator.eval();
        var realLogits = discriminator.forward(data.Sample(count, dataRandom));
        var fakeLogits = discriminator.forward(sampleGenerated(count, noiseRandom));
        return GanLoss.ValueEstimate(realLogits.to_type(float64), fakeLogits.to_type(float64)).item<double>();
    }

    private static void Fit(
        DiscriminatorModule discriminator,
        IDataSource data,
        Func<int, Generator, Tensor> sampleGenerated,
        DiscriminatorFitOptions options,
        Generator dataRandom,
        Generator noiseRandom)
    {
        using var optimizer = optim.Adam(discriminator.parameters(), options.LearningRate);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Steps, options.FinalLearningRate);
        discriminator.train();

        // Examples are drawn for several steps at once and split into minibatches, because each call to a
        // sampler has a fixed cost that is larger than a step of a small network. Every example is still used
        // in one step only.
        var batchesPerDraw = Math.Max(1, ExamplesPerDraw / options.BatchSize);
        for (var firstStep = 0; firstStep < options.Steps; firstStep += batchesPerDraw)
        {
            using var drawScope = NewDisposeScope();
            var batches = Math.Min(batchesPerDraw, options.Steps - firstStep);
            var real = data.Sample(options.BatchSize * batches, dataRandom);
            Tensor fake;
            using (no_grad())
            {
                fake = sampleGenerated(options.BatchSize * batches, noiseRandom);
            }

            for (var batch = 0; batch < batches; batch++)
            {
                using var stepScope = NewDisposeScope();
                var realBatch = real.narrow(0, batch * options.BatchSize, options.BatchSize);
                var fakeBatch = fake.narrow(0, batch * options.BatchSize, options.BatchSize);

                // Ascend V̂ = mean ln D(x) + mean ln(1 − D(G(z))) by descending its negative, the summed BCE.
                var loss = GanLoss.DiscriminatorLoss(discriminator.forward(realBatch), discriminator.forward(fakeBatch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                schedule.step();
            }
        }

        discriminator.eval();
    }
}

using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Trains a generator and a discriminator with Algorithm 1 of Goodfellow et al. (2014): each iteration makes
/// k discriminator steps, each on fresh minibatches of m real and m generated examples, then one generator step.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly IDataSource data;
    private readonly Generator dataRandom;
    private readonly Generator noiseRandom;
    private readonly optim.Optimizer generatorOptimizer;
    private readonly optim.Optimizer discriminatorOptimizer;
    private readonly TorchSharp.Modules.Parameter[] discriminatorParameters;

    // Noise z of each step, drawn in place so that no step allocates it.
    private readonly Tensor noise;

    // Statistics of the latest iteration, kept as tensors until ReadStatistics reads them.
    private Tensor? lastLossD;
    private Tensor? lastLossG;
    private Tensor? lastRealLogits;
    private Tensor? lastFakeLogits;

    private static readonly Lock GlobalSeedLock = new();

    /// <param name="data">Source of real minibatches.</param>
    /// <param name="model">Generator and discriminator architecture.</param>
    /// <param name="training">Algorithm 1 settings.</param>
    /// <param name="fixedNoiseCount">Rows of <see cref="FixedNoise"/>, the noise used for sample pictures.</param>
    public GanTrainer(IDataSource data, ModelOptions model, TrainingOptions training, int fixedNoiseCount = 64)
    {
        model.Validate();
        training.Validate();
        this.data = data;
        Model = model;
        Options = training;
        Device = Runtime.DeviceSelection.Resolve(training.Device);

        // One seed fixes the initial weights and dropout masks (torch's global generator), the minibatches and
        // the noise (generators of their own).
        // NOTE: the streams use seeds seed + 1, + 2 and + 3, so neighbouring run seeds share streams. Seed 1's noise
        // is seed 2's minibatch order. Runs stay reproducible, but such runs are not independent draws.
        // NOTE: dropout draws from the global generator, so two trainers stepping at once in one process are
        // reproducible only without dropout. Construction is serialised below, so initial weights always are.
        dataRandom = new Generator((ulong)training.Seed + 1);
        noiseRandom = new Generator((ulong)training.Seed + 2);
        using (var fixedNoiseRandom = new Generator((ulong)training.Seed + 3))
        {
            FixedNoise = NoiseSampler.Sample(model.NoisePrior, fixedNoiseCount, model.LatentDim, fixedNoiseRandom, CPU).DetachFromDisposeScope();
        }

        lock (GlobalSeedLock)
        {
            random.manual_seed(training.Seed);
            Generator = GanModelFactory.CreateGenerator(model, data.Kind, data.SampleShape);
            Discriminator = GanModelFactory.CreateDiscriminator(model, data.SampleShape);
        }

        Generator.to(Device);
        Discriminator.to(Device);
        generatorOptimizer = CreateOptimizer(Generator.parameters(), training.LearningRateG);
        discriminatorOptimizer = CreateOptimizer(Discriminator.parameters(), training.LearningRateD);
        discriminatorParameters = Discriminator.parameters().ToArray();
        noise = empty(training.BatchSize, model.LatentDim).DetachFromDisposeScope();
    }

    public GeneratorModule Generator { get; }

    public DiscriminatorModule Discriminator { get; }

    public ModelOptions Model { get; }

    public TrainingOptions Options { get; }

    public Device Device { get; }

    /// <summary>Noise drawn once from the seed, so sample grids taken at different steps are comparable.</summary>
    public Tensor FixedNoise { get; }

    /// <summary>Generator steps completed.</summary>
    public int Step { get; internal set; }

    /// <summary>Discriminator optimizer steps taken, k per iteration.</summary>
    public long DiscriminatorUpdates { get; internal set; }

    /// <summary>Generator optimizer steps taken, one per iteration.</summary>
    public long GeneratorUpdates { get; internal set; }

    /// <summary>The source of real minibatches.</summary>
    internal IDataSource Data => data;

    /// <summary>Random stream of the real minibatches.</summary>
    internal Generator DataRandom => dataRandom;

    /// <summary>Random stream of the noise given to the generator during training.</summary>
    internal Generator NoiseRandom => noiseRandom;

    /// <summary>Optimizer of θg, exposed so that tests can read its per-parameter state.</summary>
    internal optim.Optimizer GeneratorOptimizer => generatorOptimizer;

    /// <summary>Optimizer of θd, exposed so that tests can read its per-parameter state.</summary>
    internal optim.Optimizer DiscriminatorOptimizer => discriminatorOptimizer;

    /// <summary>
    /// Runs one iteration of Algorithm 1. It reads no value back to the host. Its statistics stay in tensors until
    /// <see cref="ReadStatistics"/> reads them, so a loop that reads them only when it logs avoids a host synchronisation
    /// at every step.
    /// </summary>
    public void TrainIteration()
    {
        using var scope = NewDisposeScope();
        if (!Generator.training)
        {
            Generator.train();
        }

        if (!Discriminator.training)
        {
            Discriminator.train();
        }

        var discriminatorResult = UpdateDiscriminator();
        for (var discriminatorStep = 1; discriminatorStep < Options.K; discriminatorStep++)
        {
            discriminatorResult = UpdateDiscriminator();
        }

        var lossG = UpdateGenerator();
        Step++;

        KeepStatistics(discriminatorResult.LossD, lossG, discriminatorResult.RealLogits, discriminatorResult.FakeLogits);
    }

    /// <summary>
    /// Reads the statistics of the latest iteration. On a GPU this waits until the iteration has finished, so a
    /// training loop calls it only when it logs.
    /// </summary>
    /// <exception cref="InvalidOperationException">No iteration has run yet.</exception>
    public StepStatistics ReadStatistics()
    {
        if (lastLossD is null || lastLossG is null || lastRealLogits is null || lastFakeLogits is null)
        {
            throw new InvalidOperationException("No statistics yet: call TrainIteration first.");
        }

        using var scope = NewDisposeScope();
        var lossD = lastLossD.item<float>();
        return new StepStatistics(
            Step,
            lossD,
            lastLossG.item<float>(),
            lastRealLogits.sigmoid().mean().item<float>(),
            lastFakeLogits.sigmoid().mean().item<float>(),
            -lossD);
    }

    /// <summary>
    /// Finds the first parameter of G or D that contains a NaN or an infinite value, or returns null when every
    /// parameter is finite. The common case costs one synchronisation: the per-parameter checks are summed on the
    /// device and only their total is read back.
    /// </summary>
    public NonFiniteParameter? FindNonFiniteParameter()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var networks = new (string Network, nn.Module Module)[] { ("generator", Generator), ("discriminator", Discriminator) };
        var parameters = networks
            .SelectMany(network => network.Module.named_parameters().Select(named => (network.Network, named.name, named.parameter)))
            .ToList();
        var finiteCount = stack(parameters.Select(item => isfinite(item.parameter).all()).ToArray()).sum().item<long>();
        if (finiteCount == parameters.Count)
        {
            return null;
        }

        // Slow path, taken once before the run stops: look at each parameter to name the bad one.
        foreach (var (network, name, parameter) in parameters)
        {
            if (isnan(parameter).any().item<bool>())
            {
                return new NonFiniteParameter(network, name, "NaN");
            }

            if (isinf(parameter).any().item<bool>())
            {
                return new NonFiniteParameter(network, name, "an infinite value");
            }
        }

        return null;
    }

    /// <summary>
    /// Generates one example per noise row with the generator in evaluation mode and returns it on the CPU.
    /// </summary>
    public Tensor Generate(Tensor noise)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Generator.eval();
        var samples = Generator.forward(noise.to(Device)).cpu();
        Generator.train();
        return samples.MoveToOuterDisposeScope();
    }

    /// <summary>Draws <paramref name="count"/> noise vectors from the trainer's seeded noise stream.</summary>
    public Tensor SampleNoise(int count) =>
        NoiseSampler.Sample(Model.NoisePrior, count, Model.LatentDim, noiseRandom, CPU);

    /// <summary>
    /// One discriminator step: ascend V̂ by descending the binary cross-entropy of real examples (label 1)
    /// and generated examples (label 0). Generated examples are made without gradient, so θg never changes.
    /// The returned loss and logits are detached and belong to the caller's dispose scope.
    /// </summary>
    internal (Tensor LossD, Tensor RealLogits, Tensor FakeLogits) UpdateDiscriminator()
    {
        var real = data.Sample(Options.BatchSize, dataRandom);
        if (Device.type != DeviceType.CPU)
        {
            real = real.to(Device);
        }

        Tensor fake;
        using (no_grad())
        {
            fake = Generator.forward(DrawNoise());
        }

        var realLogits = Discriminator.forward(real);
        var fakeLogits = Discriminator.forward(fake);
        var lossD = GanLoss.DiscriminatorLoss(realLogits, fakeLogits);

        discriminatorOptimizer.zero_grad();
        lossD.backward();
        discriminatorOptimizer.step();
        DiscriminatorUpdates++;

        return (lossD.detach(), realLogits.detach(), fakeLogits.detach());
    }

    /// <summary>
    /// One generator step: descend the generator objective on fresh noise. The discriminator's parameters are
    /// excluded from the graph, so its weights get no gradient and its optimizer does not run.
    /// The returned loss belongs to the caller's dispose scope.
    /// </summary>
    internal Tensor UpdateGenerator()
    {
        var z = DrawNoise();
        SetRequiresGrad(discriminatorParameters, false);
        try
        {
            var fakeLogits = Discriminator.forward(Generator.forward(z));
            var lossG = GanLoss.GeneratorLoss(fakeLogits, Options.Objective);

            generatorOptimizer.zero_grad();
            lossG.backward();
            generatorOptimizer.step();
            GeneratorUpdates++;
            return lossG.detach();
        }
        finally
        {
            SetRequiresGrad(discriminatorParameters, true);
        }
    }

    /// <summary>
    /// Draws a minibatch of noise into the trainer's noise tensor, the same numbers as
    /// <see cref="NoiseSampler.Sample"/> draws, and returns it on the training device.
    /// </summary>
    private Tensor DrawNoise()
    {
        // The draw happens on the CPU with the seeded generator, so runs on any device see the same noise.
        NoiseSampler.Fill(Model.NoisePrior, noise, noiseRandom);
        return Device.type == DeviceType.CPU ? noise : noise.to(Device);
    }

    /// <summary>Replaces the kept statistics with those of the latest iteration, which outlive its dispose scope.</summary>
    private void KeepStatistics(Tensor lossD, Tensor lossG, Tensor realLogits, Tensor fakeLogits)
    {
        DisposeStatistics();
        lastLossD = lossD.DetachFromDisposeScope();
        lastLossG = lossG.DetachFromDisposeScope();
        lastRealLogits = realLogits.DetachFromDisposeScope();
        lastFakeLogits = fakeLogits.DetachFromDisposeScope();
    }

    private void DisposeStatistics()
    {
        lastLossD?.Dispose();
        lastLossG?.Dispose();
        lastRealLogits?.Dispose();
        lastFakeLogits?.Dispose();
    }

    private optim.Optimizer CreateOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate) =>
        Options.Optimizer switch
        {
            OptimizerKind.Adam => optim.Adam(parameters, learningRate, Options.Beta1, Options.Beta2),
            OptimizerKind.Sgd => optim.SGD(parameters, learningRate, Options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(Options), Options.Optimizer, "Unknown optimizer."),
        };

    private static void SetRequiresGrad(TorchSharp.Modules.Parameter[] parameters, bool requiresGrad)
    {
        foreach (var parameter in parameters)
        {
            parameter.requires_grad = requiresGrad;
        }
    }

    public void Dispose()
    {
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        Generator.Dispose();
        Discriminator.Dispose();
        FixedNoise.Dispose();
        noise.Dispose();
        DisposeStatistics();
        dataRandom.Dispose();
        noiseRandom.Dispose();
    }
}

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

    /// <summary>Runs one iteration of Algorithm 1 and returns its statistics.</summary>
    public StepStatistics TrainIteration()
    {
        using var scope = NewDisposeScope();
        Generator.train();
        Discriminator.train();

        var discriminatorResult = UpdateDiscriminator();
        for (var discriminatorStep = 1; discriminatorStep < Options.K; discriminatorStep++)
        {
            discriminatorResult = UpdateDiscriminator();
        }

        var lossG = UpdateGenerator();
        Step++;

        var lossD = discriminatorResult.LossD.item<float>();
        return new StepStatistics(
            Step,
            lossD,
            lossG.item<float>(),
            discriminatorResult.DReal.item<float>(),
            discriminatorResult.DFake.item<float>(),
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
    /// The returned tensors belong to the caller's dispose scope.
    /// </summary>
    internal (Tensor LossD, Tensor DReal, Tensor DFake) UpdateDiscriminator()
    {
        var real = data.Sample(Options.BatchSize, dataRandom).to(Device);
        var noise = NoiseSampler.Sample(Model.NoisePrior, Options.BatchSize, Model.LatentDim, noiseRandom, Device);
        Tensor fake;
        using (no_grad())
        {
            fake = Generator.forward(noise);
        }

        var realLogits = Discriminator.forward(real);
        var fakeLogits = Discriminator.forward(fake);
        var lossD = GanLoss.DiscriminatorLoss(realLogits, fakeLogits);

        discriminatorOptimizer.zero_grad();
        lossD.backward();
        discriminatorOptimizer.step();
        DiscriminatorUpdates++;

        return (lossD.detach(), realLogits.detach().sigmoid().mean(), fakeLogits.detach().sigmoid().mean());
    }

    /// <summary>
    /// One generator step: descend the generator objective on fresh noise. The discriminator's parameters are
    /// excluded from the graph, so its weights get no gradient and its optimizer does not run.
    /// The returned loss belongs to the caller's dispose scope.
    /// </summary>
    internal Tensor UpdateGenerator()
    {
        var noise = NoiseSampler.Sample(Model.NoisePrior, Options.BatchSize, Model.LatentDim, noiseRandom, Device);
        SetRequiresGrad(Discriminator, false);
        try
        {
            var fakeLogits = Discriminator.forward(Generator.forward(noise));
            var lossG = GanLoss.GeneratorLoss(fakeLogits, Options.Objective);

            generatorOptimizer.zero_grad();
            lossG.backward();
            generatorOptimizer.step();
            GeneratorUpdates++;
            return lossG.detach();
        }
        finally
        {
            SetRequiresGrad(Discriminator, true);
        }
    }

    private optim.Optimizer CreateOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate) =>
        Options.Optimizer switch
        {
            OptimizerKind.Adam => optim.Adam(parameters, learningRate, Options.Beta1, Options.Beta2),
            OptimizerKind.Sgd => optim.SGD(parameters, learningRate, Options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(Options), Options.Optimizer, "Unknown optimizer."),
        };

    private static void SetRequiresGrad(nn.Module module, bool requiresGrad)
    {
        foreach (var parameter in module.parameters())
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
        dataRandom.Dispose();
        noiseRandom.Dispose();
    }
}

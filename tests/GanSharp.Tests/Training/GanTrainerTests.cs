using System.Runtime.InteropServices;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Objectives;
using GanSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

/// <summary>Checks that the trainer follows Algorithm 1: which player moves in which phase, and how often.</summary>
public sealed class GanTrainerTests
{
    private static readonly ModelOptions SmallModel =
        new(ModelDesign.Common, LatentDim: 4, GeneratorHidden: [16], DiscriminatorHidden: [16], Dropout: 0,
            MaxoutPieces: 5, NoisePrior.Normal);

    [Fact]
    public void DiscriminatorStep_ChangesOnlyDiscriminator()
    {
        using var trainer = CreateTrainer(k: 1, new CountingDataSource());

        // A generator step first, so that G has gradients and Adam state that a faulty D step could disturb.
        RunGeneratorStep(trainer);
        var generatorBefore = Snapshot(trainer.Generator);
        var generatorGradientsBefore = SnapshotGradients(trainer.Generator);
        var discriminatorBefore = Snapshot(trainer.Discriminator);

        RunDiscriminatorStep(trainer);

        AssertBitwiseEqual(generatorBefore, Snapshot(trainer.Generator), "generator parameter");
        AssertBitwiseEqual(generatorGradientsBefore, SnapshotGradients(trainer.Generator), "generator gradient");
        AssertEveryTensorChanged(discriminatorBefore, Snapshot(trainer.Discriminator), "discriminator parameter");
    }

    [Fact]
    public void GeneratorStep_ChangesOnlyGenerator()
    {
        using var trainer = CreateTrainer(k: 1, new CountingDataSource());
        RunDiscriminatorStep(trainer);
        var discriminatorBefore = Snapshot(trainer.Discriminator);
        var discriminatorGradientsBefore = SnapshotGradients(trainer.Discriminator);
        var generatorBefore = Snapshot(trainer.Generator);

        RunGeneratorStep(trainer);

        AssertBitwiseEqual(discriminatorBefore, Snapshot(trainer.Discriminator), "discriminator parameter");
        AssertBitwiseEqual(discriminatorGradientsBefore, SnapshotGradients(trainer.Discriminator), "discriminator gradient");
        AssertEveryTensorChanged(generatorBefore, Snapshot(trainer.Generator), "generator parameter");
    }

    [Fact]
    public void GeneratorStep_GivesDiscriminatorNoGradient()
    {
        using var trainer = CreateTrainer(k: 1, new CountingDataSource());

        // Before any discriminator step D's gradients are undefined, so any gradient found afterwards came from G's step.
        RunGeneratorStep(trainer);

        foreach (var (name, parameter) in trainer.Discriminator.named_parameters())
        {
            Assert.True(parameter.grad is null, $"discriminator parameter {name} received a gradient in the generator step");
            Assert.True(parameter.requires_grad, $"discriminator parameter {name} was left frozen after the generator step");
        }
    }

    [Fact]
    public void TrainIteration_KThreeStepsDiscriminatorThrice()
    {
        var data = new CountingDataSource();
        using var trainer = CreateTrainer(k: 3, data);

        trainer.TrainIteration();
        trainer.TrainIteration();

        // Each discriminator step draws one real minibatch, and the generator step draws none.
        Assert.Equal(6, data.SampleCalls);
        Assert.All(AdamSteps(trainer.DiscriminatorOptimizer), step => Assert.Equal(6, step));
        Assert.All(AdamSteps(trainer.GeneratorOptimizer), step => Assert.Equal(2, step));
        Assert.Equal(6, trainer.DiscriminatorUpdates);
        Assert.Equal(2, trainer.GeneratorUpdates);
        Assert.Equal(2, trainer.Step);
    }

    [Fact]
    public void TrainIteration_KOneStepsEachOnce()
    {
        var data = new CountingDataSource();
        using var trainer = CreateTrainer(k: 1, data);

        trainer.TrainIteration();

        Assert.Equal(1, data.SampleCalls);
        Assert.All(AdamSteps(trainer.DiscriminatorOptimizer), step => Assert.Equal(1, step));
        Assert.All(AdamSteps(trainer.GeneratorOptimizer), step => Assert.Equal(1, step));
    }

    private static GanTrainer CreateTrainer(int k, IDataSource data)
    {
        var training = new TrainingOptions(Steps: 10, K: k, BatchSize: 32, GeneratorObjective.NonSaturating,
            OptimizerKind.Adam, LearningRateG: 1e-3, LearningRateD: 1e-3, Beta1: 0.5, Beta2: 0.999, Momentum: 0.5,
            Seed: 7, Device: "cpu");
        return new GanTrainer(data, SmallModel, training, fixedNoiseCount: 4);
    }

    private static void RunDiscriminatorStep(GanTrainer trainer)
    {
        using var scope = NewDisposeScope();
        trainer.UpdateDiscriminator();
    }

    private static void RunGeneratorStep(GanTrainer trainer)
    {
        using var scope = NewDisposeScope();
        trainer.UpdateGenerator();
    }

    /// <summary>Reads the step count that TorchSharp's Adam keeps for each parameter it updated.</summary>
    private static long[] AdamSteps(optim.Optimizer optimizer)
    {
        var adam = Assert.IsType<TorchSharp.Modules.Adam>(optimizer);
        return adam.state_dict().State.Cast<TorchSharp.Modules.Adam.State>().Select(state => state.step).ToArray();
    }

    private static float[][] Snapshot(nn.Module module) =>
        module.parameters().Select(parameter => CopyValues(parameter)).ToArray();

    /// <summary>Copies each parameter's gradient, or null where the gradient is undefined.</summary>
    private static float[]?[] SnapshotGradients(nn.Module module) =>
        module.parameters().Select(parameter => parameter.grad is { } gradient ? CopyValues(gradient) : null).ToArray();

    private static float[] CopyValues(Tensor tensor)
    {
        using var copy = tensor.detach().cpu().contiguous();
        return copy.data<float>().ToArray();
    }

    private static void AssertBitwiseEqual(float[]?[] expected, float[]?[] actual, string label)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var index = 0; index < expected.Length; index++)
        {
            if (expected[index] is null || actual[index] is null)
            {
                Assert.True((expected[index] is null) == (actual[index] is null), $"{label} {index} changed between defined and undefined");
                continue;
            }

            var same = MemoryMarshal.AsBytes(expected[index].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[index].AsSpan()));
            Assert.True(same, $"{label} {index} changed");
        }
    }

    private static void AssertEveryTensorChanged(float[][] before, float[][] after, string label)
    {
        Assert.Equal(before.Length, after.Length);
        for (var index = 0; index < before.Length; index++)
        {
            Assert.False(before[index].SequenceEqual(after[index]), $"{label} {index} did not change");
        }
    }

    /// <summary>N(3, 0.5²) points that count how many minibatches the trainer draws.</summary>
    private sealed class CountingDataSource : IDataSource
    {
        private readonly GaussianMixture inner = BuiltInDistributions.Create("gaussian1d");

        public int SampleCalls { get; private set; }

        public string Name => inner.Name;

        public DataKind Kind => inner.Kind;

        public long[] SampleShape => inner.SampleShape;

        public Tensor Sample(int count, Generator generator)
        {
            SampleCalls++;
            return inner.Sample(count, generator);
        }
    }
}

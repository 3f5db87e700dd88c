using GanSharp.Objectives;

namespace GanSharp.Training;

/// <summary>Settings of Algorithm 1: how many steps, of what size, with which losses and optimizers.</summary>
/// <param name="Steps">Generator steps (training iterations) to run.</param>
/// <param name="K">Discriminator steps per generator step.</param>
/// <param name="BatchSize">Minibatch size m: m real and m generated examples per discriminator step.</param>
/// <param name="Objective">Generator loss.</param>
/// <param name="Optimizer">Gradient method for both networks.</param>
/// <param name="LearningRateG">Generator learning rate.</param>
/// <param name="LearningRateD">Discriminator learning rate.</param>
/// <param name="Beta1">Adam's β1, the decay of the first moment.</param>
/// <param name="Beta2">Adam's β2, the decay of the second moment.</param>
/// <param name="Momentum">SGD momentum.</param>
/// <param name="Seed">Seed of every random draw: weights, dropout, noise and minibatches.</param>
/// <param name="Device">Torch device name, <c>cpu</c> or <c>cuda</c> (or <c>cuda:N</c>).</param>
public sealed record TrainingOptions(
    int Steps,
    int K,
    int BatchSize,
    GeneratorObjective Objective,
    OptimizerKind Optimizer,
    double LearningRateG,
    double LearningRateD,
    double Beta1,
    double Beta2,
    double Momentum,
    long Seed,
    string Device)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value and its valid range.</summary>
    public void Validate()
    {
        RequirePositive(Steps, "--steps", "number of generator steps");
        RequirePositive(K, "--k", "number of discriminator steps per generator step");
        RequirePositive(BatchSize, "--batch-size", "minibatch size");
        RequireLearningRate(LearningRateG, "--lr-g");
        RequireLearningRate(LearningRateD, "--lr-d");
        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1))
        {
            throw new ArgumentException($"Invalid --beta1 {Beta1} or beta2 {Beta2}: each Adam beta must be in [0, 1).");
        }

        ValidateSeed(Seed);
        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentException($"Invalid --momentum {Momentum}: use a value in [0, 1).");
        }
    }

    /// <summary>
    /// Rejects seeds outside [0, 2³² − 1]. libtorch's CPU generator (mt19937) keeps only the low 32 bits of a
    /// seed, so larger seeds would silently repeat the runs of smaller ones.
    /// </summary>
    public static void ValidateSeed(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"Invalid --seed {seed}: use a whole number from 0 to 4294967295.");
        }
    }

    private static void RequirePositive(int value, string option, string meaning)
    {
        if (value < 1)
        {
            throw new ArgumentException($"Invalid {option} {value}: the {meaning} must be a whole number of at least 1.");
        }
    }

    private static void RequireLearningRate(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"Invalid {option} {value}: the learning rate must be a positive number such as 0.0002.");
        }
    }
}

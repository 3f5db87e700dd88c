namespace GanSharp.Tests.Training;

/// <summary>
/// Collection of tests that need reproducible weights, run with no other test in parallel.
/// <see cref="GanSharp.Training.GanTrainer"/> seeds torch's process-wide generator and draws the initial weights
/// from it, so a test running on another thread at the same time could take draws from that stream and change
/// the weights.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchRandom
{
    public const string Name = "Serial torch random";
}

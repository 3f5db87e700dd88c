using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// A source of real examples x ~ p_data. Every minibatch is a float32 tensor of shape
/// [count, ..<see cref="SampleShape"/>] on the CPU.
/// </summary>
public interface IDataSource
{
    /// <summary>Short name used in configuration files and reports, for example <c>ring8</c> or <c>idx</c>.</summary>
    string Name { get; }

    /// <summary>The kind of data, which decides the models' shapes and the pictures drawn of samples.</summary>
    DataKind Kind { get; }

    /// <summary>Shape of one example: [1] for 1-D points, [2] for 2-D points, [channels, height, width] for images.</summary>
    long[] SampleShape { get; }

    /// <summary>Draws a minibatch of <paramref name="count"/> real examples using <paramref name="generator"/>.</summary>
    Tensor Sample(int count, Generator generator);
}

using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>One tensor of a PyTorch state dictionary file.</summary>
/// <param name="Name">Key in the dictionary, for example <c>net.0.weight</c>.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Dimensions.</param>
public sealed record StateDictEntry(string Name, ScalarType DataType, long[] Shape);

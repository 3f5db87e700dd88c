namespace GanSharp.Training;

/// <summary>A parameter of G or D that contains a NaN or an infinite value.</summary>
/// <param name="Network">"generator" or "discriminator".</param>
/// <param name="Name">The parameter's name in its module, such as <c>net.0.weight</c>.</param>
/// <param name="Value">"NaN" or "an infinite value".</param>
public readonly record struct NonFiniteParameter(string Network, string Name, string Value)
{
    public override string ToString() => $"{Network} parameter {Name} has {Value}";
}

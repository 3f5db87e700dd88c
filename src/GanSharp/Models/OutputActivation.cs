namespace GanSharp.Models;

/// <summary>The generator's last activation, which fixes the range of the values it produces.</summary>
public enum OutputActivation
{
    /// <summary>No activation: any real value, for point data.</summary>
    Identity,

    /// <summary>Sigmoid: values in (0, 1).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent: values in (−1, 1).</summary>
    Tanh,
}

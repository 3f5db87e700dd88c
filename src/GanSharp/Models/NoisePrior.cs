namespace GanSharp.Models;

/// <summary>The noise distribution p_z that the generator maps into data space.</summary>
public enum NoisePrior
{
    /// <summary>Standard normal N(0, I).</summary>
    Normal,

    /// <summary>Uniform on [−1, 1] in every dimension.</summary>
    Uniform,
}

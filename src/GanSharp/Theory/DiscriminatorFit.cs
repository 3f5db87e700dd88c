using GanSharp.Models;

namespace GanSharp.Theory;

/// <summary>A discriminator trained alone against a fixed generator, and its estimate of the value function.</summary>
public sealed class DiscriminatorFit : IDisposable
{
    internal DiscriminatorFit(DiscriminatorModule discriminator, double value, int steps)
    {
        Discriminator = discriminator;
        Value = value;
        Steps = steps;
    }

    /// <summary>The trained discriminator, in evaluation mode, which <see cref="Dispose"/> also disposes.</summary>
    public DiscriminatorModule Discriminator { get; }

    /// <summary>
    /// V̂ = mean ln D(x) + mean ln(1 − D(G(z))) over fresh evaluation samples, an estimate of
    /// V(D, G) ≤ C(G) = −ln 4 + 2 · JSD(p_data ‖ p_g).
    /// </summary>
    public double Value { get; }

    /// <summary>Discriminator optimizer steps taken.</summary>
    public int Steps { get; }

    public void Dispose() => Discriminator.Dispose();
}

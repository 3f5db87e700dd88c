using GanSharp.Data;
using GanSharp.Training;

namespace GanSharp.Theory;

/// <summary>Takes <see cref="PhaseSnapshot"/>s of a 1-D training run.</summary>
public static class PhaseCapture
{
    /// <summary>
    /// Captures the state of <paramref name="trainer"/> on one-dimensional <paramref name="data"/>: D(x) on a grid,
    /// the kernel density estimate of p_g from many generated samples, and G(z) for evenly spaced z.
    /// </summary>
    public static PhaseSnapshot Capture(GanTrainer trainer, GaussianMixture data, string label) =>
        throw new NotImplementedException("TODO: phase capture is not implemented yet.");
}

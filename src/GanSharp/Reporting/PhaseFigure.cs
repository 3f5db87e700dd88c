using GanSharp.Theory;

namespace GanSharp.Reporting;

/// <summary>
/// Draws the phases of training in the layout of Figure 1 of Goodfellow et al. (2014): p_data dotted, p_g solid,
/// D(x) dashed, and below them the noise axis with lines from z to G(z).
/// </summary>
public static class PhaseFigure
{
    /// <summary>Writes one phase as a PNG.</summary>
    public static void Save(PhaseSnapshot snapshot, string path) =>
        throw new NotImplementedException("TODO: the phases figure is not drawn yet.");

    /// <summary>Writes several phases side by side as one PNG.</summary>
    public static void SaveRow(IReadOnlyList<PhaseSnapshot> snapshots, string path) =>
        throw new NotImplementedException("TODO: the phases figure is not drawn yet.");
}

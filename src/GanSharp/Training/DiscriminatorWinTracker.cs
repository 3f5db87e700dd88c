using GanSharp.Objectives;
using Microsoft.Extensions.Logging;

namespace GanSharp.Training;

/// <summary>
/// Logs one warning when mean D(G(z)) stays below <see cref="TrainingRun.DiscriminatorWinThreshold"/> for
/// <see cref="TrainingRun.DiscriminatorWinRows"/> log rows in a row. The warning comes again only after a row at or
/// above the threshold has ended the episode.
/// </summary>
internal sealed class DiscriminatorWinTracker(ILogger logger, GeneratorObjective objective)
{
    private int rowsBelowThreshold;

    private string Advice => objective == GeneratorObjective.Minimax
        ? "Try --objective non-saturating, a lower --lr-d or a higher --lr-g."
        : "Try a lower --lr-d, a higher --lr-g or fewer --k discriminator steps.";

    public void Observe(StepStatistics row)
    {
        if (row.DFake >= TrainingRun.DiscriminatorWinThreshold)
        {
            rowsBelowThreshold = 0;
            return;
        }

        rowsBelowThreshold++;
        if (rowsBelowThreshold == TrainingRun.DiscriminatorWinRows)
        {
            logger.LogWarning(
                "The discriminator has won at step {Step}: mean D(G(z)) is {DFake:G3}, below {Threshold} at {Rows} log rows in a row, so the generator learns little. {Advice}",
                row.Step, row.DFake, TrainingRun.DiscriminatorWinThreshold, TrainingRun.DiscriminatorWinRows, Advice);
        }
    }
}

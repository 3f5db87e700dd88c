namespace GanSharp.Training;

/// <summary>Raised when a loss of the GAN game becomes NaN or infinite, so the run cannot go on.</summary>
public sealed class TrainingDivergedException(string message, int step) : Exception(message)
{
    /// <summary>The generator step at which the loss stopped being finite.</summary>
    public int Step { get; } = step;
}

namespace GanSharp.Training;

/// <summary>Raised when a loss of the GAN game or a parameter of G or D becomes NaN or infinite, so the run cannot go on.</summary>
public sealed class TrainingDivergedException(string message, int step) : Exception(message)
{
    /// <summary>The generator step at which the loss or the parameter check found a value that is not finite.</summary>
    public int Step { get; } = step;
}

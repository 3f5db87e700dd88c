namespace GanSharp.Evaluation;

/// <summary>How the digit classifier is trained.</summary>
/// <param name="Seed">Seed of the initial weights and the minibatch order.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per minibatch.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
public sealed record DigitClassifierOptions(long Seed = 1, int Epochs = 8, int BatchSize = 64, double LearningRate = 1e-3)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || !(LearningRate > 0))
        {
            throw new ArgumentException(
                $"Invalid classifier options: epochs {Epochs} and batch size {BatchSize} must be at least 1, learning rate {LearningRate} positive.");
        }
    }
}

namespace GanSharp.Evaluation;

/// <summary>
/// Mode coverage of generated images through a classifier: the histogram of predicted classes, the classes that
/// receive at least <see cref="MinimumShare"/> of the samples, and the histogram's divergence from uniform.
/// </summary>
public static class ClassCoverage
{
    /// <summary>Share of the samples a class needs to count as covered.</summary>
    public const double MinimumShare = 0.01;

    /// <summary>Summarises predicted classes, each from 0 to <paramref name="classCount"/> − 1.</summary>
    public static ClassCoverageResult Evaluate(IReadOnlyList<int> predictedClasses, int classCount)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (predictedClasses.Count == 0)
        {
            throw new ArgumentException("Class coverage needs at least one prediction.", nameof(predictedClasses));
        }

        var histogram = new int[classCount];
        foreach (var predicted in predictedClasses)
        {
            if (predicted < 0 || predicted >= classCount)
            {
                throw new ArgumentException($"Predicted class {predicted} is outside 0 to {classCount - 1}.", nameof(predictedClasses));
            }

            histogram[predicted]++;
        }

        var covered = histogram.Count(count => count >= MinimumShare * predictedClasses.Count);
        return new ClassCoverageResult(histogram, covered, MinimumShare, Divergences.KullbackLeiblerFromUniform(histogram));
    }
}

namespace GanSharp.Evaluation;

/// <summary>Class histogram of generated images.</summary>
/// <param name="Histogram">Samples predicted as each class, indexed by class.</param>
/// <param name="ClassesCovered">Classes with at least <paramref name="MinimumShare"/> of the samples.</param>
/// <param name="MinimumShare">Share of the samples a class needs to count as covered.</param>
/// <param name="KullbackLeiblerFromUniform">KL(histogram ‖ uniform over the classes) in nats; 0 when all classes are equally frequent.</param>
public sealed record ClassCoverageResult(int[] Histogram, int ClassesCovered, double MinimumShare, double KullbackLeiblerFromUniform);

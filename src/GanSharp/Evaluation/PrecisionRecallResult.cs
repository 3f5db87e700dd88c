namespace GanSharp.Evaluation;

/// <summary>Precision and recall by k-nearest-neighbour manifolds, with the set sizes they come from.</summary>
/// <param name="Precision">Share of generated feature vectors inside the real manifold, from 0 to 1.</param>
/// <param name="Recall">Share of real feature vectors inside the generated manifold, from 0 to 1.</param>
/// <param name="K">Neighbour whose distance sets each ball's radius.</param>
/// <param name="RealCount">Real feature vectors.</param>
/// <param name="GeneratedCount">Generated feature vectors.</param>
public sealed record PrecisionRecallResult(double Precision, double Recall, int K, int RealCount, int GeneratedCount);

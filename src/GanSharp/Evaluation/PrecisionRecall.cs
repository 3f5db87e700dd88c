using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// Precision and recall of a generator by k-nearest-neighbour manifolds (Kynkäänniemi et al., 2019, "Improved
/// Precision and Recall Metric for Assessing Generative Models"). Each feature vector of a set gets a ball whose
/// radius is the distance to its k-th nearest neighbour in the same set, and the set's manifold is the union of
/// those balls. Precision is the share of generated vectors inside the real manifold, and recall the share of
/// real vectors inside the generated manifold.
/// </summary>
/// <remarks>
/// The radii shrink as a set grows, so the two sets should have equal sizes. Distances are computed in float64,
/// a minibatch of rows at a time, so memory stays at about <c>batchSize × N</c> doubles.
/// </remarks>
public static class PrecisionRecall
{
    /// <summary>The neighbour count of the 2019 paper.</summary>
    public const int DefaultK = 3;

    private const int BatchSize = 500;

    /// <summary>Returns precision and recall of <paramref name="generated"/> against <paramref name="real"/>, both [N, d].</summary>
    /// <exception cref="ArgumentException">The sets are not [N, d] with the same d, or a set has no more than k rows.</exception>
    public static PrecisionRecallResult Compute(Tensor real, Tensor generated, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (real.dim() != 2 || generated.dim() != 2 || real.shape[1] != generated.shape[1]
            || real.shape[0] <= k || generated.shape[0] <= k)
        {
            throw new ArgumentException(
                $"Feature sets [{string.Join(", ", real.shape)}] and [{string.Join(", ", generated.shape)}] must both be [count > {k}, d] with the same d.");
        }

        using var scope = NewDisposeScope();
        var real64 = real.to_type(ScalarType.Float64);
        var generated64 = generated.to_type(ScalarType.Float64);
        var realRadii = SquaredNeighbourRadii(real64, k);
        var generatedRadii = SquaredNeighbourRadii(generated64, k);
        var precision = ShareInsideManifold(generated64, real64, realRadii);
        var recall = ShareInsideManifold(real64, generated64, generatedRadii);
        return new PrecisionRecallResult(precision, recall, k, (int)real.shape[0], (int)generated.shape[0]);
    }

    /// <summary>Returns, for each row, the squared distance to its k-th nearest other row of the same set.</summary>
    private static Tensor SquaredNeighbourRadii(Tensor set, int k)
    {
        var count = set.shape[0];
        var radii = empty(count, dtype: ScalarType.Float64);
        for (long start = 0; start < count; start += BatchSize)
        {
            using var batchScope = NewDisposeScope();
            var length = Math.Min(BatchSize, count - start);
            var distances = SquaredDistances(set.narrow(0, start, length), set);

            // The smallest entry of each row is the row itself at distance 0, so the k-th neighbour is entry k + 1.
            var (values, _) = distances.topk(k + 1, dim: 1, largest: false, sorted: true);
            radii.narrow(0, start, length).copy_(values.select(1, k));
        }

        return radii;
    }

    /// <summary>Returns the share of <paramref name="queries"/> within the radius of at least one row of <paramref name="set"/>.</summary>
    private static double ShareInsideManifold(Tensor queries, Tensor set, Tensor squaredRadii)
    {
        long inside = 0;
        var count = queries.shape[0];
        for (long start = 0; start < count; start += BatchSize)
        {
            using var batchScope = NewDisposeScope();
            var length = Math.Min(BatchSize, count - start);
            var distances = SquaredDistances(queries.narrow(0, start, length), set);
            inside += distances.le(squaredRadii.unsqueeze(0)).any(1).sum().item<long>();
        }

        return (double)inside / count;
    }

    private static Tensor SquaredDistances(Tensor rows, Tensor set) =>
        (rows.square().sum(1).unsqueeze(1) + set.square().sum(1).unsqueeze(0) - 2 * rows.matmul(set.t())).clamp_min(0);
}

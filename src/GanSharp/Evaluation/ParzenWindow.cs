using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// Gaussian Parzen-window density estimate built on generated samples μ_1 … μ_N in d dimensions:
/// p̂(x) = (1/N) Σ_i N(x; μ_i, σ² I), so that
/// ln p̂(x) = logsumexp_i(−‖x − μ_i‖² / (2σ²)) − ln N − (d/2) ln(2πσ²).
/// </summary>
/// <remarks>
/// Squared distances and the log-sum-exp are computed in float64, a minibatch of query points at a time, so that
/// memory stays at about <c>batchSize × N</c> doubles. The log-sum-exp subtracts each row's maximum first, so
/// points far from every centre get a large negative but finite log-likelihood.
/// </remarks>
public static class ParzenWindow
{
    /// <summary>Query points per batch in <see cref="LogLikelihoods"/>: 100 × 10,000 centres is 8 MB of distances.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>
    /// Returns ln p̂(x) for every row x of <paramref name="points"/> and every bandwidth in <paramref name="sigmas"/>,
    /// indexed [bandwidth][point].
    /// </summary>
    /// <param name="centres">Kernel centres [N, d], any float dtype; converted to float64.</param>
    /// <param name="points">Query points [M, d].</param>
    /// <param name="sigmas">Bandwidths σ, each positive and finite.</param>
    /// <param name="batchSize">Query points per batch.</param>
    public static double[][] LogLikelihoods(Tensor centres, Tensor points, IReadOnlyList<double> sigmas, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (centres.dim() != 2 || points.dim() != 2 || centres.shape[1] != points.shape[1])
        {
            throw new ArgumentException(
                $"Centres [{string.Join(", ", centres.shape)}] and points [{string.Join(", ", points.shape)}] must both be [count, d] with the same d.");
        }

        if (centres.shape[0] == 0 || sigmas.Count == 0 || sigmas.Any(sigma => !(sigma > 0) || double.IsInfinity(sigma)))
        {
            throw new ArgumentException("The estimate needs at least one centre and bandwidths that are positive and finite.");
        }

        var pointCount = (int)points.shape[0];
        var dimension = (double)centres.shape[1];
        var logCount = Math.Log(centres.shape[0]);
        var result = sigmas.Select(_ => new double[pointCount]).ToArray();

        using var scope = NewDisposeScope();
        var centres64 = centres.to_type(ScalarType.Float64);
        var centreNorms = centres64.square().sum(1);
        for (var start = 0; start < pointCount; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var length = Math.Min(batchSize, pointCount - start);
            var batch = points.narrow(0, start, length).to_type(ScalarType.Float64);

            // ‖x − μ‖² = ‖x‖² + ‖μ‖² − 2 x·μ, clamped at 0 against rounding.
            var squaredDistances = (batch.square().sum(1).unsqueeze(1) + centreNorms.unsqueeze(0) - 2 * batch.matmul(centres64.t()))
                .clamp_min(0);
            for (var index = 0; index < sigmas.Count; index++)
            {
                var sigma = sigmas[index];
                var normaliser = logCount + dimension / 2 * Math.Log(2 * Math.PI * sigma * sigma);
                var logDensities = (squaredDistances / (-2 * sigma * sigma)).logsumexp(1) - normaliser;
                logDensities.data<double>().CopyTo(result[index], start);
            }
        }

        return result;
    }

    /// <summary>
    /// Chooses σ from <paramref name="sigmas"/> by the highest mean ln p̂ over <paramref name="validation"/>, then
    /// returns the mean ln p̂ over <paramref name="test"/> with its standard error.
    /// </summary>
    /// <param name="centres">Generated samples [N, d].</param>
    /// <param name="validation">Held-out real examples [V, d] for choosing σ.</param>
    /// <param name="test">Held-out real examples [T, d], at least 2, for the reported number.</param>
    /// <param name="sigmas">The bandwidth grid.</param>
    public static ParzenResult Evaluate(Tensor centres, Tensor validation, Tensor test, IReadOnlyList<double> sigmas)
    {
        if (validation.shape[0] < 1 || test.shape[0] < 2)
        {
            throw new ArgumentException(
                $"The Parzen estimate needs at least 1 validation and 2 test examples, but got {validation.shape[0]} and {test.shape[0]}.");
        }

        var validationMeans = LogLikelihoods(centres, validation, sigmas).Select(values => values.Average()).ToArray();
        var best = Array.IndexOf(validationMeans, validationMeans.Max());
        var sigma = sigmas[best];
        var testValues = LogLikelihoods(centres, test, [sigma])[0];
        var mean = testValues.Average();
        var variance = testValues.Sum(value => (value - mean) * (value - mean)) / (testValues.Length - 1);
        return new ParzenResult(
            sigmas.ToArray(), validationMeans, sigma, mean, Math.Sqrt(variance / testValues.Length),
            (int)centres.shape[0], (int)validation.shape[0], testValues.Length);
    }

    /// <summary>Returns <paramref name="count"/> bandwidths spaced evenly in log scale from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static double[] LogSpacedGrid(double first, double last, int count)
    {
        if (!(first > 0) || !(last > first) || count < 2)
        {
            throw new ArgumentException($"Invalid bandwidth grid {first} to {last} in {count} steps: use 0 < first < last and at least 2 steps.");
        }

        var grid = Enumerable.Range(0, count)
            .Select(index => Math.Exp(Math.Log(first) + (Math.Log(last) - Math.Log(first)) * index / (count - 1)))
            .ToArray();
        grid[0] = first;
        grid[^1] = last;
        return grid;
    }
}

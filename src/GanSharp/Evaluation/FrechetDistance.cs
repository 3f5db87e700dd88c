using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// Fréchet distance between two Gaussians fitted to feature sets:
/// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½).
/// </summary>
/// <remarks>
/// Tr((Σ₁ Σ₂)^½) equals Tr((Σ₁^½ Σ₂ Σ₁^½)^½), and the second form takes square roots of symmetric positive
/// semi-definite matrices only. Both roots come from symmetric eigendecompositions in float64, with eigenvalues
/// that rounding pushed below 0 set to 0, so the result is real and a set against itself gives 0 up to rounding.
/// </remarks>
public static class FrechetDistance
{
    /// <summary>Returns the Fréchet distance between the Gaussians fitted to the rows of two feature sets [N, d].</summary>
    /// <exception cref="ArgumentException">A set is not 2-D, has fewer than 2 rows, or the widths differ.</exception>
    public static double Compute(Tensor first, Tensor second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.dim() != 2 || second.dim() != 2 || first.shape[1] != second.shape[1] || first.shape[0] < 2 || second.shape[0] < 2)
        {
            throw new ArgumentException(
                $"Feature sets [{string.Join(", ", first.shape)}] and [{string.Join(", ", second.shape)}] must both be [count ≥ 2, d] with the same d.");
        }

        using var scope = NewDisposeScope();
        var (meanFirst, covarianceFirst) = Moments(first);
        var (meanSecond, covarianceSecond) = Moments(second);
        return FromMoments(meanFirst, covarianceFirst, meanSecond, covarianceSecond);
    }

    /// <summary>Returns the Fréchet distance between N(μ₁, Σ₁) and N(μ₂, Σ₂), given as float64 tensors [d] and [d, d].</summary>
    public static double FromMoments(Tensor meanFirst, Tensor covarianceFirst, Tensor meanSecond, Tensor covarianceSecond)
    {
        using var scope = NewDisposeScope();
        var mu1 = meanFirst.to_type(ScalarType.Float64);
        var mu2 = meanSecond.to_type(ScalarType.Float64);
        var sigma1 = covarianceFirst.to_type(ScalarType.Float64);
        var sigma2 = covarianceSecond.to_type(ScalarType.Float64);

        var rootFirst = SymmetricSquareRoot(sigma1);
        var product = rootFirst.matmul(sigma2).matmul(rootFirst);
        var traceOfRoot = SymmetricEigenvalues(product).sqrt().sum().item<double>();

        var meanTerm = (mu1 - mu2).square().sum().item<double>();
        var traceTerm = sigma1.trace().item<double>() + sigma2.trace().item<double>() - 2 * traceOfRoot;
        return meanTerm + traceTerm;
    }

    /// <summary>Returns the row mean [d] and the unbiased covariance [d, d] of a feature set, in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) Moments(Tensor features)
    {
        var values = features.to_type(ScalarType.Float64);
        var mean = values.mean([0]);
        var centred = values - mean;
        var covariance = centred.t().matmul(centred) / (values.shape[0] - 1);
        return (mean, covariance);
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var symmetric = (matrix + matrix.t()) / 2;
        var (eigenvalues, eigenvectors) = linalg.eigh(symmetric);
        var roots = eigenvalues.clamp_min(0).sqrt();
        return (eigenvectors * roots.unsqueeze(0)).matmul(eigenvectors.t());
    }

    private static Tensor SymmetricEigenvalues(Tensor matrix)
    {
        var symmetric = (matrix + matrix.t()) / 2;
        return linalg.eigvalsh(symmetric).clamp_min(0);
    }
}

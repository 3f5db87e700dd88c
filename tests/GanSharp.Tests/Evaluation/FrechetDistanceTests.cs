using GanSharp.Evaluation;
using static TorchSharp.torch;

namespace GanSharp.Tests.Evaluation;

public sealed class FrechetDistanceTests
{
    [Fact]
    public void NonCommutingCovariances_MatchClosedForm()
    {
        // For 2 × 2 matrices, Tr(M^½) = √(Tr M + 2 √det M) with M = Σ₁^½ Σ₂ Σ₁^½, whose trace is Tr(Σ₁Σ₂) and whose
        // determinant is det Σ₁ · det Σ₂.
        double[,] first = { { 2.0, 0.6 }, { 0.6, 1.0 } };
        double[,] second = { { 0.5, -0.3 }, { -0.3, 1.5 } };
        using var mean1 = tensor(new[] { 1.0, -2.0 }, dtype: ScalarType.Float64);
        using var mean2 = tensor(new[] { 0.5, 0.5 }, dtype: ScalarType.Float64);
        using var sigma1 = tensor(first, dtype: ScalarType.Float64);
        using var sigma2 = tensor(second, dtype: ScalarType.Float64);

        var distance = FrechetDistance.FromMoments(mean1, sigma1, mean2, sigma2);

        var traceProduct = first[0, 0] * second[0, 0] + first[0, 1] * second[1, 0] + first[1, 0] * second[0, 1] + first[1, 1] * second[1, 1];
        var determinants = (first[0, 0] * first[1, 1] - first[0, 1] * first[1, 0]) * (second[0, 0] * second[1, 1] - second[0, 1] * second[1, 0]);
        var traceRoot = Math.Sqrt(traceProduct + 2 * Math.Sqrt(determinants));
        var expected = 0.5 * 0.5 + 2.5 * 2.5 + (3.0 + 2.0) - 2 * traceRoot;
        Assert.Equal(expected, distance, 10);
    }

    [Fact]
    public void DiagonalGaussians_MatchClosedForm()
    {
        // Diagonal covariances commute: d² = ‖μ₁ − μ₂‖² + Σ (σ₁ᵢ − σ₂ᵢ)².
        using var mean1 = zeros(3, dtype: ScalarType.Float64);
        using var mean2 = tensor(new[] { 1.0, 0.0, 2.0 }, dtype: ScalarType.Float64);
        using var sigma1 = diag(tensor(new[] { 1.0, 4.0, 9.0 }, dtype: ScalarType.Float64));
        using var sigma2 = diag(tensor(new[] { 4.0, 4.0, 0.25 }, dtype: ScalarType.Float64));

        var distance = FrechetDistance.FromMoments(mean1, sigma1, mean2, sigma2);

        Assert.Equal(5.0 + 1.0 + 0.0 + 2.5 * 2.5, distance, 10);
    }

    [Fact]
    public void SetAgainstItself_IsZero()
    {
        using var random = new Generator(3);
        using var features = randn(400, 16, generator: random) * 3 + 1;

        var distance = FrechetDistance.Compute(features, features);

        Assert.Equal(0, distance, 8);
    }

    [Fact]
    public void Samples_ApproachClosedForm()
    {
        using var random = new Generator(4);
        using var first = randn(40000, 2, generator: random, dtype: ScalarType.Float64);
        using var second = randn(40000, 2, generator: random, dtype: ScalarType.Float64) * 2 + 3;

        var distance = FrechetDistance.Compute(first, second);

        // N(0, I) against N(3, 4I): 2 · 3² + 2 · (1 − 2)² = 20.
        Assert.Equal(20, distance, 0.3);
    }
}

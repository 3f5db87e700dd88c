using GanSharp.Evaluation;
using static TorchSharp.torch;

namespace GanSharp.Tests.Evaluation;

public sealed class ParzenWindowTests
{
    [Fact]
    public void SingleCentre_MatchesGaussianDensity()
    {
        double[] centre = [0.2, -0.5, 1.0];
        double[][] points = [[0.2, -0.5, 1.0], [0.0, 0.0, 0.0], [1.5, 2.0, -3.0]];
        double[] sigmas = [0.1, 0.5, 2.0];
        using var centres = tensor(centre, [1, 3], dtype: ScalarType.Float64);
        using var queries = tensor(points.SelectMany(point => point).ToArray(), [3, 3], dtype: ScalarType.Float64);

        var result = ParzenWindow.LogLikelihoods(centres, queries, sigmas, batchSize: 2);

        for (var s = 0; s < sigmas.Length; s++)
        {
            for (var p = 0; p < points.Length; p++)
            {
                var squared = points[p].Zip(centre, (x, mu) => (x - mu) * (x - mu)).Sum();
                var expected = -squared / (2 * sigmas[s] * sigmas[s]) - 1.5 * Math.Log(2 * Math.PI * sigmas[s] * sigmas[s]);
                Assert.Equal(expected, result[s][p], 9);
            }
        }
    }

    [Fact]
    public void TwoCentres_AverageTheKernels()
    {
        using var centres = tensor(new[] { 0.0, 1.0 }, [2, 1], dtype: ScalarType.Float64);
        using var query = tensor(new[] { 0.25 }, [1, 1], dtype: ScalarType.Float64);

        var result = ParzenWindow.LogLikelihoods(centres, query, [0.5])[0][0];

        static double Normal(double x, double mu, double sigma) =>
            Math.Exp(-(x - mu) * (x - mu) / (2 * sigma * sigma)) / Math.Sqrt(2 * Math.PI * sigma * sigma);
        Assert.Equal(Math.Log(0.5 * Normal(0.25, 0, 0.5) + 0.5 * Normal(0.25, 1, 0.5)), result, 12);
    }

    [Fact]
    public void ExtremeDistances_StayFiniteAndExact()
    {
        // Both kernels underflow to 0 in direct evaluation: exp(−10⁸ / 0.02).
        using var centres = tensor(new[] { 0.0, 1.0 }, [2, 1], dtype: ScalarType.Float64);
        using var query = tensor(new[] { 1e4 }, [1, 1], dtype: ScalarType.Float64);
        const double sigma = 0.1;

        var result = ParzenWindow.LogLikelihoods(centres, query, [sigma])[0][0];

        // ln(½ (e^a + e^b)) = b + ln(½ (1 + e^(a − b))) with b the larger exponent, from the centre at 1.
        var a = -1e8 / (2 * sigma * sigma);
        var b = -(1e4 - 1) * (1e4 - 1) / (2 * sigma * sigma);
        var expected = b + Math.Log(0.5 * (1 + Math.Exp(a - b))) - 0.5 * Math.Log(2 * Math.PI * sigma * sigma);
        Assert.True(double.IsFinite(result), $"log-likelihood {result} is not finite");
        Assert.Equal(expected, result, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void Evaluate_ChoosesBestValidationSigma()
    {
        using var random = new Generator(5);
        using var centres = randn(500, 4, generator: random, dtype: ScalarType.Float64) * 0.3;
        using var validation = randn(200, 4, generator: random, dtype: ScalarType.Float64) * 0.3;
        using var test = randn(300, 4, generator: random, dtype: ScalarType.Float64) * 0.3;
        var sigmas = ParzenWindow.LogSpacedGrid(0.01, 10, 13);

        var result = ParzenWindow.Evaluate(centres, validation, test, sigmas);

        var bestIndex = Array.IndexOf(result.ValidationMeans, result.ValidationMeans.Max());
        Assert.Equal(sigmas[bestIndex], result.Sigma);
        Assert.NotEqual(0, bestIndex);
        Assert.NotEqual(sigmas.Length - 1, bestIndex);
        var testValues = ParzenWindow.LogLikelihoods(centres, test, [result.Sigma])[0];
        Assert.Equal(testValues.Average(), result.TestMean, 10);
        var deviation = Math.Sqrt(testValues.Sum(value => Math.Pow(value - testValues.Average(), 2)) / (testValues.Length - 1));
        Assert.Equal(deviation / Math.Sqrt(300), result.TestStandardError, 10);
        Assert.Equal(300, result.TestCount);
    }

    [Fact]
    public void LogSpacedGrid_HasEqualRatios()
    {
        var grid = ParzenWindow.LogSpacedGrid(0.1, 1.0, 10);

        Assert.Equal(10, grid.Length);
        Assert.Equal(0.1, grid[0]);
        Assert.Equal(1.0, grid[^1]);
        for (var index = 1; index < grid.Length; index++)
        {
            Assert.Equal(Math.Pow(10, 1.0 / 9), grid[index] / grid[index - 1], 12);
        }
    }
}

using GanSharp.Data;
using GanSharp.Evaluation;

namespace GanSharp.Tests.Evaluation;

public sealed class ModeCoverageTests
{
    private static readonly GaussianMixture Ring = BuiltInDistributions.Create("ring8");

    [Fact]
    public void BuiltInMixtures_UsePacGanSettings()
    {
        var grid = BuiltInDistributions.Create("grid25");

        Assert.Equal(0.01, Ring.StandardDeviation);
        Assert.All(Ring.Means, mean => Assert.Equal(1.0, Math.Sqrt(mean[0] * mean[0] + mean[1] * mean[1]), 12));
        Assert.Equal(0.05, grid.StandardDeviation);
        Assert.Equal(25, grid.Means.Count);
        Assert.All(grid.Means, mean => Assert.All(mean, coordinate => Assert.Contains(coordinate, new[] { -4.0, -2.0, 0.0, 2.0, 4.0 })));
    }

    [Fact]
    public void SamplesOnEveryMode_CoverAll()
    {
        var samples = Ring.Means.SelectMany(mean => Enumerable.Repeat(new[] { mean[0] + 0.02, mean[1] }, 10)).ToArray();

        var result = ModeCoverage.Evaluate(samples, Ring.Means, Ring.StandardDeviation);

        Assert.Equal(8, result.ModesCovered);
        Assert.Equal(1.0, result.HighQualityShare);
        Assert.Equal(0.0, result.KullbackLeiblerFromUniform!.Value, 12);
        Assert.All(result.HighQualityCounts, count => Assert.Equal(10, count));
    }

    [Fact]
    public void CollapsedSamples_CoverOneMode()
    {
        var samples = Enumerable.Repeat(Ring.Means[3], 50).ToArray();

        var result = ModeCoverage.Evaluate(samples, Ring.Means, Ring.StandardDeviation);

        Assert.Equal(1, result.ModesCovered);
        Assert.Equal(1.0, result.HighQualityShare);
        Assert.Equal(Math.Log(8), result.KullbackLeiblerFromUniform!.Value, 12);
        Assert.Equal(50, result.HighQualityCounts[3]);
    }

    [Fact]
    public void FarOutliers_AreNotHighQuality()
    {
        // 0.031 from a mode is just past 3 σ = 0.03; (10, 10) and the origin are far from every mode.
        double[][] samples = [[10, 10], [0, 0], [Ring.Means[0][0] + 0.031, Ring.Means[0][1]], [Ring.Means[1][0], Ring.Means[1][1] + 0.029]];

        var result = ModeCoverage.Evaluate(samples, Ring.Means, Ring.StandardDeviation);

        Assert.Equal(1, result.ModesCovered);
        Assert.Equal(0.25, result.HighQualityShare);
        Assert.Equal(1, result.HighQualityCounts[1]);
        Assert.Equal(0, result.HighQualityCounts[0]);
    }

    [Fact]
    public void OnlyOutliers_LeaveDivergenceUndefined()
    {
        double[][] samples = [[10, 10], [-7, 3]];

        var result = ModeCoverage.Evaluate(samples, Ring.Means, Ring.StandardDeviation);

        Assert.Equal(0, result.ModesCovered);
        Assert.Equal(0.0, result.HighQualityShare);
        Assert.Null(result.KullbackLeiblerFromUniform);
    }

    [Fact]
    public void ClassCoverage_CountsClassesAboveOnePercent()
    {
        // 1,000 predictions: classes 0 to 7 get 124 each, class 8 gets 8 (below 1 %) and class 9 none.
        var predictions = Enumerable.Range(0, 8).SelectMany(label => Enumerable.Repeat(label, 124)).Concat(Enumerable.Repeat(8, 8)).ToArray();

        var result = ClassCoverage.Evaluate(predictions, 10);

        Assert.Equal(8, result.ClassesCovered);
        Assert.Equal(124, result.Histogram[0]);
        Assert.Equal(0, result.Histogram[9]);
        var expected = 8 * 0.124 * Math.Log(0.124 * 10) + 0.008 * Math.Log(0.008 * 10);
        Assert.Equal(expected, result.KullbackLeiblerFromUniform, 12);
    }
}

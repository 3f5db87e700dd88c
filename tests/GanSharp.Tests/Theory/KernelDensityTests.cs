using GanSharp.Data;
using GanSharp.Theory;
using static TorchSharp.torch;

namespace GanSharp.Tests.Theory;

public sealed class KernelDensityTests
{
    [Fact]
    public void EstimateOfNormalIsClose()
    {
        // n = 100,000 gives Silverman's h ≈ 0.09. The bias is about ½ h² |p''| ≤ 0.0017 and the pointwise
        // standard deviation √(p / (2√π n h)) ≤ 0.0036, so 0.02 is the bias plus five standard deviations.
        var values = Draw(new GaussianMixture("normal", [[0.0]], 1.0), 100_000, seed: 11);
        var estimate = KernelDensity.FromSample(values);
        var truth = Densities.Normal(0, 1);

        var maxAbsError = Enumerable.Range(0, 121).Select(index => -3 + index * 0.05).Max(x => Math.Abs(estimate.Density(x) - truth(x)));

        Assert.InRange(estimate.Bandwidth, 0.085, 0.095);
        Assert.True(maxAbsError <= 0.02, $"max |p̂ − p| over [−3, 3] = {maxAbsError:F5}");
    }

    [Fact]
    public void EstimateIntegratesToOne()
    {
        var values = Draw(BuiltInDistributions.Create("mixture1d"), 5_000, seed: 12);
        var estimate = KernelDensity.FromSample(values);

        var mass = Quadrature.Simpson(estimate.Density, new IntegrationRange(-6, 6, 1200));

        Assert.Equal(1.0, mass, 1e-6);
    }

    [Fact]
    public void CutoffMatchesFullSum()
    {
        var values = Draw(BuiltInDistributions.Create("mixture1d"), 2_000, seed: 13);
        var estimate = new KernelDensity(values, 0.2);

        foreach (var x in new[] { -4.0, -2.0, -0.3, 0.0, 1.9, 3.5, 9.0 })
        {
            var full = values.Sum(value => Math.Exp(-0.5 * Math.Pow((x - value) / 0.2, 2))) / (values.Length * 0.2 * Math.Sqrt(2 * Math.PI));

            Assert.Equal(full, estimate.Density(x), 1e-12);
        }
    }

    [Fact]
    public void SampleWithoutSpreadIsRejected()
    {
        Assert.Throws<ArgumentException>(() => KernelDensity.FromSample([1.0, 1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new KernelDensity([0.0, double.NaN], 0.1));
    }

    [Fact]
    public void Estimate2DIntegratesToOne()
    {
        var points = Draw2D(new GaussianMixture("three", [[-1.0, 0.0], [1.0, 0.5], [0.0, -1.0]], 0.3), 4_000, seed: 14);
        var estimate = KernelDensity2D.FromSample(points.X, points.Y);
        var range = new IntegrationRange(-4, 4, 200);

        var mass = Quadrature.Simpson(estimate.Density, range, range);

        Assert.Equal(1.0, mass, 1e-3);
    }

    [Fact]
    public void Estimate2DOfNormalIsClose()
    {
        // n = 50,000 gives h ≈ 0.165 per axis. The bias is at most about h² p(0) ≈ 0.0043 and the pointwise
        // standard deviation √(p / (4π n h²)) ≤ 0.0031, so 0.02 is the bias plus five standard deviations.
        var points = Draw2D(new GaussianMixture("normal2d", [[0.0, 0.0]], 1.0), 50_000, seed: 15);
        var estimate = KernelDensity2D.FromSample(points.X, points.Y);
        var truth = Densities.Normal2D(0, 0, 1);

        var grid = Enumerable.Range(0, 13).Select(index => -3 + index * 0.5).ToArray();
        var maxAbsError = grid.SelectMany(x => grid.Select(y => Math.Abs(estimate.Density(x, y) - truth(x, y)))).Max();

        Assert.InRange(estimate.BandwidthX, 0.155, 0.175);
        Assert.InRange(estimate.BandwidthY, 0.155, 0.175);
        Assert.True(maxAbsError <= 0.02, $"max |p̂ − p| over [−3, 3]² = {maxAbsError:F5}");
    }

    private static double[] Draw(GaussianMixture distribution, int count, ulong seed)
    {
        using var random = new Generator(seed);
        using var samples = distribution.Sample(count, random);
        return samples.data<float>().Select(value => (double)value).ToArray();
    }

    private static (double[] X, double[] Y) Draw2D(GaussianMixture distribution, int count, ulong seed)
    {
        using var random = new Generator(seed);
        using var samples = distribution.Sample(count, random);
        var flat = samples.data<float>().ToArray();
        var x = Enumerable.Range(0, count).Select(index => (double)flat[2 * index]).ToArray();
        var y = Enumerable.Range(0, count).Select(index => (double)flat[2 * index + 1]).ToArray();
        return (x, y);
    }
}

using GanSharp.Models;
using GanSharp.Theory;
using static TorchSharp.torch;

namespace GanSharp.Tests.Theory;

public sealed class DiscriminatorProbeTests
{
    [Fact]
    public void GridValuesMatchSinglePoints()
    {
        random.manual_seed(5);
        using var discriminator = GanModelFactory.CreateDiscriminator(DiscriminatorFitOptions.Default.Model, [2]);
        double[] xs = [-1.0, 0.0, 2.5];
        double[] ys = [0.5, -3.0];

        var grid = DiscriminatorProbe.Evaluate(discriminator, xs, ys);

        for (var i = 0; i < xs.Length; i++)
        {
            for (var j = 0; j < ys.Length; j++)
            {
                using var point = tensor(new[] { (float)xs[i], (float)ys[j] }).view(1, 2);
                using var logit = discriminator.forward(point);
                var expected = 1 / (1 + Math.Exp(-logit.item<float>()));

                Assert.Equal(expected, grid[i, j], 1e-6);
            }
        }
    }

    [Fact]
    public void MaxAbsErrorAgainstOwnValuesIsZero()
    {
        random.manual_seed(6);
        using var discriminator = GanModelFactory.CreateDiscriminator(DiscriminatorFitOptions.Default.Model, [1]);
        var region = new CentralInterval(-2, 2);
        var xs = Enumerable.Range(0, 5).Select(index => -2.0 + index).ToArray();
        var values = DiscriminatorProbe.Evaluate(discriminator, xs);

        Assert.Equal(0.0, DiscriminatorProbe.MaxAbsError(discriminator, x => values[(int)Math.Round(x) + 2], region, points: 5), 1e-12);
        Assert.Equal(values.Max(value => Math.Abs(value - 0.3)), DiscriminatorProbe.MaxAbsError(discriminator, _ => 0.3, region, points: 5), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscriminatorProbe.MaxAbsError(discriminator, _ => 0.5, region, points: 1));
    }
}

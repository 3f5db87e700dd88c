using GanSharp.Theory;

namespace GanSharp.Tests.Theory;

public sealed class OptimalDiscriminatorTests
{
    [Fact]
    public void IdenticalDensitiesGiveHalf()
    {
        var optimal = OptimalDiscriminator.Create(Densities.Normal(0, 1), Densities.Normal(0, 1));
        var optimal2D = OptimalDiscriminator.Create(Densities.Normal2D(1, -1, 0.5), Densities.Normal2D(1, -1, 0.5));

        foreach (var x in new[] { -5.0, -1.0, 0.0, 0.3, 2.0, 40.0 })
        {
            Assert.Equal(0.5, optimal(x));
            Assert.Equal(0.5, optimal2D(x, -x));
        }
    }

    [Fact]
    public void BothDensitiesZeroGivesHalf()
    {
        Assert.Equal(0.5, OptimalDiscriminator.Probability(0, 0));
    }

    [Fact]
    public void ShiftedNormalIsLogistic()
    {
        // For N(0, 1) against N(1, 1), D*(x) = 1 / (1 + e^(x − ½)).
        var optimal = OptimalDiscriminator.Create(Densities.Normal(0, 1), Densities.Normal(1, 1));

        foreach (var x in new[] { -3.0, -0.5, 0.5, 1.7, 3.0 })
        {
            Assert.Equal(1 / (1 + Math.Exp(x - 0.5)), optimal(x), 1e-12);
        }
    }

    [Fact]
    public void OptimalMaximizesPointwiseValue()
    {
        var dataDensity = Densities.Normal(0, 1);
        var generatorDensity = Densities.Normal(1, 1);

        foreach (var x in new[] { -2.0, 0.0, 0.5, 2.5 })
        {
            var a = dataDensity(x);
            var b = generatorDensity(x);

            Assert.Equal(PointwiseValue.Maximize(a, b), OptimalDiscriminator.Probability(a, b), 1e-9);
        }
    }

    [Fact]
    public void CriterionOfShiftedNormal()
    {
        var criterion = VirtualTrainingCriterion.Compute(Densities.Normal(0, 1), Densities.Normal(1, 1), new IntegrationRange(-15, 16, 6200));

        Assert.Equal(-1.163451, criterion, 1e-5);
        Assert.Equal(-1.386294, VirtualTrainingCriterion.GlobalMinimum, 1e-6);
        Assert.Equal(VirtualTrainingCriterion.GlobalMinimum, VirtualTrainingCriterion.FromJensenShannon(0));
    }

    [Fact]
    public void CentralIntervalOfStandardNormal()
    {
        var interval = CentralInterval.Containing(Densities.Normal(0, 1), 0.99, new IntegrationRange(-10, 10, 20_000));

        Assert.Equal(-2.575829, interval.Lower, 1e-4);
        Assert.Equal(2.575829, interval.Upper, 1e-4);
    }
}

using GanSharp.Theory;

namespace GanSharp.Tests.Theory;

public sealed class PointwiseValueTests
{
    [Theory]
    [InlineData(0.45, 0.6)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.3989, 0.2420)]
    [InlineData(1e-3, 1.0)]
    [InlineData(1.0, 1e-3)]
    [InlineData(5.0, 0.01)]
    [InlineData(1e-6, 2e-6)]
    [InlineData(250.0, 100.0)]
    public void Maximize_MatchesClosedForm(double a, double b)
    {
        var numeric = PointwiseValue.Maximize(a, b);

        Assert.Equal(PointwiseValue.ClosedFormMaximizer(a, b), numeric, 1e-9);
    }

    [Fact]
    public void Maximize_ThreeSevenths()
    {
        var numeric = PointwiseValue.Maximize(0.45, 0.6);

        Assert.Equal(0.428571, Math.Round(numeric, 6));
        Assert.Equal(0.428571, Math.Round(PointwiseValue.ClosedFormMaximizer(0.45, 0.6), 6));
    }

    [Fact]
    public void Maximize_IsLocalMaximum()
    {
        var numeric = PointwiseValue.Maximize(0.45, 0.6);
        var peak = PointwiseValue.Evaluate(0.45, 0.6, numeric);

        Assert.True(peak > PointwiseValue.Evaluate(0.45, 0.6, numeric - 1e-4));
        Assert.True(peak > PointwiseValue.Evaluate(0.45, 0.6, numeric + 1e-4));
    }

    [Fact]
    public void Maximize_OneWeightZeroGoesToEnd()
    {
        Assert.InRange(PointwiseValue.Maximize(0, 1), 0, 1e-9);
        Assert.InRange(PointwiseValue.Maximize(1, 0), 1 - 1e-9, 1);
    }

    [Fact]
    public void Maximize_RejectsInvalidWeights()
    {
        Assert.Throws<ArgumentException>(() => PointwiseValue.Maximize(0, 0));
        Assert.Throws<ArgumentException>(() => PointwiseValue.Maximize(-1, 1));
        Assert.Throws<ArgumentException>(() => PointwiseValue.Maximize(double.NaN, 1));
    }

    [Fact]
    public void GoldenSection_FindsParabolaPeak()
    {
        // −(x − 0.3)²: golden-section on function values is limited to about √ε near a smooth peak.
        var peak = GoldenSectionSearch.Maximize(x => -(x - 0.3) * (x - 0.3), -2, 5, 1e-10);

        Assert.Equal(0.3, peak, 1e-7);
    }

    [Fact]
    public void LogOnePlus_KeepsSmallArguments()
    {
        // ln(1 + x) = x − x²/2 + …, and Math.Log(1 + 1e−12) is off by about 9e−5 relative.
        Assert.Equal(1e-12 - 5e-25, PointwiseValue.LogOnePlus(1e-12), 1e-27);
        Assert.Equal(-1e-10 - 5e-21, PointwiseValue.LogOnePlus(-1e-10), 1e-25);
        Assert.Equal(Math.Log(2), PointwiseValue.LogOnePlus(1), 1e-15);
    }
}

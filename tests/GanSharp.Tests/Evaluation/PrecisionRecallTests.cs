using GanSharp.Evaluation;
using static TorchSharp.torch;

namespace GanSharp.Tests.Evaluation;

public sealed class PrecisionRecallTests
{
    private static Tensor Line(IEnumerable<double> positions) =>
        tensor(positions.ToArray(), dtype: ScalarType.Float64).unsqueeze(1);

    [Fact]
    public void IdenticalSets_HaveFullPrecisionAndRecall()
    {
        using var real = Line(Enumerable.Range(0, 100).Select(index => (double)index));

        var result = PrecisionRecall.Compute(real, real);

        Assert.Equal(1.0, result.Precision);
        Assert.Equal(1.0, result.Recall);
    }

    [Fact]
    public void DistantSets_HaveNeither()
    {
        using var real = Line(Enumerable.Range(0, 100).Select(index => (double)index));
        using var generated = Line(Enumerable.Range(0, 100).Select(index => 1000.0 + index));

        var result = PrecisionRecall.Compute(real, generated);

        Assert.Equal(0.0, result.Precision);
        Assert.Equal(0.0, result.Recall);
    }

    [Fact]
    public void HalfCollapsedGenerator_CountsBalls()
    {
        // Real points 0 … 99 on a line have 3rd-neighbour radius 3. The generator repeats 0 … 49 and puts 50 points far
        // away, so half of it lies on the real manifold, and its balls of radius 3 reach the real points 0 … 52.
        using var real = Line(Enumerable.Range(0, 100).Select(index => (double)index));
        using var generated = Line(Enumerable.Range(0, 50).Select(index => (double)index).Concat(Enumerable.Range(0, 50).Select(index => 1000.0 + index)));

        var result = PrecisionRecall.Compute(real, generated);

        Assert.Equal(0.5, result.Precision);
        Assert.Equal(0.53, result.Recall, 12);
        Assert.Equal(3, result.K);
    }

    [Fact]
    public void TooFewRows_Rejected()
    {
        using var real = Line([0.0, 1.0, 2.0]);

        Assert.Throws<ArgumentException>(() => PrecisionRecall.Compute(real, real));
    }
}

using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class PointFileDataSourceTests
{
    [Fact]
    public void Sample_DrawsEveryPointOncePerEpoch()
    {
        using var source = CreateSource(count: 10);
        using var random = new Generator(3);

        var first = Values(source.Sample(4, random)).Concat(Values(source.Sample(6, random))).ToArray();
        var second = Values(source.Sample(10, random));

        Assert.Equal(Enumerable.Range(0, 10).Select(value => (float)value), first.Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(value => (float)value), second.Order());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Sample_BatchLargerThanFileSpansEpochs()
    {
        using var source = CreateSource(count: 3);
        using var random = new Generator(3);

        var batch = Values(source.Sample(7, random));

        // Seven draws from three points: two whole epochs and the first point of a third.
        Assert.Equal(7, batch.Length);
        Assert.Equal([0f, 1f, 2f], batch[..3].Order());
        Assert.Equal([0f, 1f, 2f], batch[3..6].Order());
        Assert.Equal(3, source.ShuffleState.Permutation.Length);
        Assert.Equal(1, source.ShuffleState.Position);
    }

    [Fact]
    public void ShuffleState_RestoresSameMinibatches()
    {
        using var original = CreateSource(count: 10);
        using var random = new Generator(4);
        original.Sample(7, random).Dispose();
        var state = original.ShuffleState;
        using var randomState = random.get_state();

        var expected = Values(original.Sample(9, random));

        using var restored = CreateSource(count: 10);
        restored.ShuffleState = state;
        random.set_state(randomState);
        Assert.Equal(expected, Values(restored.Sample(9, random)));
    }

    [Fact]
    public void Subset_LeavesShuffleStateAlone()
    {
        using var source = CreateSource(count: 10);
        using var random = new Generator(5);
        source.Sample(3, random).Dispose();
        var before = source.ShuffleState;

        using var subset = source.Subset(4, seed: 0);
        using var all = source.Subset(50, seed: 0);

        Assert.Equal([4L, 1L], subset.shape);
        Assert.Equal(4, subset.data<float>().ToArray().Distinct().Count());
        Assert.Equal([10L, 1L], all.shape);
        Assert.Equal(before.Permutation, source.ShuffleState.Permutation);
        Assert.Equal(before.Position, source.ShuffleState.Position);
    }

    [Fact]
    public void Kind_FollowsColumnCount()
    {
        using var flat = new PointFileDataSource(PointCsvFile.Parse(new StringReader("1\n2\n"), "flat"));
        using var plane = new PointFileDataSource(PointCsvFile.Parse(new StringReader("1,2\n3,4\n"), "plane"));

        Assert.Equal(DataKind.Points1D, flat.Kind);
        Assert.Equal([1L], flat.SampleShape);
        Assert.Equal(DataKind.Points2D, plane.Kind);
        Assert.Equal([2L], plane.SampleShape);
    }

    private static PointFileDataSource CreateSource(int count)
    {
        var text = string.Join('\n', Enumerable.Range(0, count));
        return new PointFileDataSource(PointCsvFile.Parse(new StringReader(text), "points.csv"));
    }

    private static float[] Values(Tensor batch)
    {
        using (batch)
        {
            return batch.data<float>().ToArray();
        }
    }
}

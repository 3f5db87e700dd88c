namespace GanSharp.Data;

/// <summary>
/// A data source that draws minibatches by shuffled epochs, whose position a checkpoint stores so that a resumed run
/// draws the same minibatches as a run without a stop.
/// </summary>
public interface IShuffledDataSource : IDataSource
{
    /// <summary>The current epoch's permutation and the position of the next example in it; see <see cref="ShuffledEpochs.State"/>.</summary>
    (long[] Permutation, int Position) ShuffleState { get; set; }
}

namespace GanSharp.Data;

/// <summary>
/// A data source that draws minibatches by shuffled epochs, so that a checkpoint can store where it is in the
/// current epoch and a resumed run draws the same minibatches as an uninterrupted one.
/// </summary>
public interface IShuffledDataSource : IDataSource
{
    /// <summary>
    /// The current epoch's permutation of example indices and the position of the next example in it. An empty
    /// permutation means that no epoch has started.
    /// </summary>
    /// <exception cref="InvalidDataException">The value set does not fit the source's example count.</exception>
    (long[] Permutation, int Position) ShuffleState { get; set; }
}

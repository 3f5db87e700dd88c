namespace GanSharp.Training;

/// <summary>Which real data to train on.</summary>
/// <param name="Name">
/// <c>mnist</c> (the 10,000 bundled digits), <c>idx</c> (an IDX image file given by <paramref name="Path"/>),
/// <c>points</c> (a CSV file of 1-D or 2-D points given by <paramref name="Path"/>), or a built-in point distribution: <c>gaussian1d</c>, <c>mixture1d</c>, <c>ring8</c>, <c>grid25</c>.
/// </param>
/// <param name="Path">
/// IDX image file (raw, or gzip when the name ends in .gz) for <c>idx</c>, or CSV point file for <c>points</c>; used only
/// with these two.
/// </param>
/// <param name="LabelsPath">Optional IDX label file matching <paramref name="Path"/>.</param>
public sealed record DataOptions(string Name, string? Path = null, string? LabelsPath = null)
{
    /// <summary>Name of the bundled MNIST digits.</summary>
    public const string Mnist = "mnist";

    /// <summary>Name of a user-supplied IDX image file.</summary>
    public const string Idx = "idx";

    /// <summary>Name of a user-supplied CSV file of points.</summary>
    public const string Points = "points";
}

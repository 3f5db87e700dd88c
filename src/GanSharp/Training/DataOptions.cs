using System.Text.Json.Serialization;
using GanSharp.Data;

namespace GanSharp.Training;

/// <summary>Which real data to train on.</summary>
/// <param name="Name">
/// <c>mnist</c> (the 10,000 bundled digits), <c>idx</c> (an IDX image file given by <paramref name="Path"/>),
/// <c>folder</c> (a folder of PNG and JPEG files given by <paramref name="Path"/>), <c>points</c> (a CSV file of 1-D or
/// 2-D points given by <paramref name="Path"/>), or a built-in point distribution: <c>gaussian1d</c>, <c>mixture1d</c>,
/// <c>ring8</c>, <c>grid25</c>.
/// </param>
/// <param name="Path">
/// IDX image file (raw, or gzip when the name ends in .gz) for <c>idx</c>, the image folder for <c>folder</c>, or the CSV
/// point file for <c>points</c>. Other data needs null.
/// </param>
/// <param name="LabelsPath">Optional IDX label file matching <paramref name="Path"/>.</param>
/// <param name="ImageSize">Side, in pixels, that <c>folder</c> images are resized and cropped to. Other data needs null.</param>
/// <param name="Channels">1 (grey) or 3 (colour) for <c>folder</c> images. Other data needs null.</param>
/// <param name="Split">
/// Part of the image file to train on; see <see cref="DataSplit"/>. New <c>mnist</c> runs train on
/// <see cref="DataSplit.Train"/>, so that the validation and test digits stay unseen for <c>gansharp evaluate</c>.
/// A config.json without this field, written before the field existed, means <see cref="DataSplit.All"/>.
/// </param>
public sealed record DataOptions(
    string Name, string? Path = null, string? LabelsPath = null, int? ImageSize = null, int? Channels = null, DataSplit Split = DataSplit.All)
{
    /// <summary>Name of the bundled MNIST digits.</summary>
    public const string Mnist = "mnist";

    /// <summary>Name of a user-supplied IDX image file.</summary>
    public const string Idx = "idx";

    /// <summary>Name of a user-supplied folder of PNG and JPEG images.</summary>
    public const string Folder = "folder";

    /// <summary>Image side of <c>folder</c> data in the default configuration.</summary>
    public const int DefaultFolderImageSize = 64;

    /// <summary>Channels of <c>folder</c> data in the default configuration.</summary>
    public const int DefaultFolderChannels = 3;

    /// <summary>True for the image data sets: <c>mnist</c>, <c>idx</c> and <c>folder</c>.</summary>
    [JsonIgnore]
    public bool IsImage => IsImageName(Name);

    /// <summary>Returns whether <paramref name="name"/> names image data.</summary>
    public static bool IsImageName(string name) => name is Mnist or Idx or Folder;

    /// <summary>Name of a user-supplied CSV file of points.</summary>
    public const string Points = "points";
}

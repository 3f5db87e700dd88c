using GanSharp.Reporting;

namespace GanSharp.Training;

/// <summary>
/// The part of a checkpoint that is not a tensor file, stored as <c>state.json</c>: counters, the data source's
/// shuffle position, the fixed sample noise and the metrics rows written so far.
/// </summary>
/// <param name="Step">Generator steps completed.</param>
/// <param name="DiscriminatorUpdates">Discriminator optimizer steps taken.</param>
/// <param name="GeneratorUpdates">Generator optimizer steps taken.</param>
/// <param name="Seconds">Training seconds before the checkpoint, so that the seconds column continues after a resume.</param>
/// <param name="ShufflePermutation">
/// The current epoch permutation of an image or point file source, or null for a built-in distribution.
/// </param>
/// <param name="ShufflePosition">Position of the next example in <see cref="ShufflePermutation"/>.</param>
/// <param name="FixedNoiseShape">Shape of the fixed sample noise.</param>
/// <param name="FixedNoise">The fixed sample noise, row-major.</param>
/// <param name="TheoryColumns">The theory columns of metrics.csv.</param>
/// <param name="MetricsRows">The rows of metrics.csv up to <see cref="Step"/>.</param>
/// <param name="DataFileSha256">SHA-256 of the point file trained on, or null for other data.</param>
public sealed record CheckpointState(
    int Step,
    long DiscriminatorUpdates,
    long GeneratorUpdates,
    double Seconds,
    long[]? ShufflePermutation,
    int ShufflePosition,
    long[] FixedNoiseShape,
    float[] FixedNoise,
    TheoryColumns TheoryColumns,
    MetricsRow[] MetricsRows,
    string? DataFileSha256 = null);

/// <summary>One entry of a checkpoint's <c>manifest.json</c>.</summary>
/// <param name="Name">File name inside the checkpoint folder.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lowercase hexadecimal.</param>
public sealed record CheckpointFileEntry(string Name, long Length, string Sha256);

/// <summary>The <c>manifest.json</c> of a checkpoint, written last, so a folder without it is incomplete.</summary>
public sealed record CheckpointManifest(int Step, CheckpointFileEntry[] Files);

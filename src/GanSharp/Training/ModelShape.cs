using GanSharp.Data;

namespace GanSharp.Training;

/// <summary>
/// The data space a trained generator produces, stored as <c>model.json</c> in the run folder so that
/// sampling needs neither the training data nor its files.
/// </summary>
/// <param name="DataKind">Points or images.</param>
/// <param name="SampleShape">Shape of one example.</param>
public sealed record ModelShape(DataKind DataKind, long[] SampleShape)
{
    public const string FileName = "model.json";
}

namespace GanSharp.Evaluation;

/// <summary>A Parzen-window log-likelihood with the protocol that produced it.</summary>
/// <param name="Sigmas">The bandwidth grid searched.</param>
/// <param name="ValidationMeans">Mean ln p̂ over the validation examples for each bandwidth of <paramref name="Sigmas"/>.</param>
/// <param name="Sigma">The bandwidth with the best validation mean.</param>
/// <param name="TestMean">Mean ln p̂ over the test examples with <paramref name="Sigma"/>, in nats.</param>
/// <param name="TestStandardError">Sample standard deviation of the test values over √(test count).</param>
/// <param name="CentreCount">Generated samples used as kernel centres.</param>
/// <param name="ValidationCount">Validation examples.</param>
/// <param name="TestCount">Test examples.</param>
public sealed record ParzenResult(
    double[] Sigmas,
    double[] ValidationMeans,
    double Sigma,
    double TestMean,
    double TestStandardError,
    int CentreCount,
    int ValidationCount,
    int TestCount);

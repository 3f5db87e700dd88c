namespace GanSharp.Evaluation;

/// <summary>Mode coverage of generated points.</summary>
/// <param name="ModeCount">Modes of the real distribution.</param>
/// <param name="ModesCovered">Modes with at least one high-quality sample.</param>
/// <param name="SampleCount">Generated samples.</param>
/// <param name="HighQualityShare">Share of samples within the high-quality radius of their nearest mode, from 0 to 1.</param>
/// <param name="KullbackLeiblerFromUniform">
/// KL(h ‖ u) in nats, where h is the histogram of the high-quality samples over the modes and u the uniform
/// distribution over the modes. It is null when no sample is of high quality, 0 for equal counts and ln(modes)
/// when every high-quality sample belongs to one mode.
/// </param>
/// <param name="HighQualityCounts">High-quality samples of each mode, in the order of the mixture's means.</param>
/// <param name="HighQualityStandardDeviations">The high-quality radius in standard deviations.</param>
public sealed record ModeCoverageResult(
    int ModeCount,
    int ModesCovered,
    int SampleCount,
    double HighQualityShare,
    double? KullbackLeiblerFromUniform,
    int[] HighQualityCounts,
    double HighQualityStandardDeviations);

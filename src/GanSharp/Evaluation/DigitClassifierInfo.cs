namespace GanSharp.Evaluation;

/// <summary>What is known of a digit classifier: how it was trained and how well it classifies the test split.</summary>
/// <param name="Version">Architecture version, <see cref="DigitClassifierCache.Version"/>.</param>
/// <param name="Options">Training options.</param>
/// <param name="TestAccuracy">Share of the bundled test split classified correctly, from 0 to 1.</param>
/// <param name="TestCount">Images of the test split.</param>
/// <param name="TrainingSeconds">Training time when this process trained it, or null when it was loaded from the cache.</param>
public sealed record DigitClassifierInfo(int Version, DigitClassifierOptions Options, double TestAccuracy, int TestCount, double? TrainingSeconds);

namespace GanSharp.Evaluation;

/// <summary>A digit classifier with where it is stored and how it did.</summary>
/// <param name="Classifier">The network, in evaluation mode; the caller disposes it.</param>
/// <param name="WeightsPath">File its weights were loaded from or saved to.</param>
/// <param name="Trained">True when this call trained it, false when it came from the cache.</param>
/// <param name="Info">Training options and the test-split accuracy.</param>
public sealed record CachedDigitClassifier(DigitClassifier Classifier, string WeightsPath, bool Trained, DigitClassifierInfo Info);

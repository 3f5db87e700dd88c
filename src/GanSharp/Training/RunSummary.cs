namespace GanSharp.Training;

/// <summary>Outcome of a <see cref="TrainingRun"/>.</summary>
/// <param name="OutputDirectory">The run folder.</param>
/// <param name="Steps">Generator steps completed.</param>
/// <param name="Seconds">Wall-clock training time.</param>
/// <param name="Last">Statistics of the last step.</param>
/// <param name="Completed">False when training was cancelled before the configured number of steps.</param>
public sealed record RunSummary(string OutputDirectory, int Steps, double Seconds, StepStatistics Last, bool Completed);

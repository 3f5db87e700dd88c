using GanSharp.Training;

// Usage: MinimalGan [STEPS] [RUN-FOLDER]. Trains a GAN on 8 Gaussian modes on the unit circle.
var steps = args.Length > 0 ? int.Parse(args[0]) : 2000;
var folder = args.Length > 1 ? args[1] : $"runs/ring8-{DateTime.Now:yyyyMMdd-HHmmss}";

var defaults = RunConfiguration.CreateDefault("ring8");
var configuration = defaults with { Training = defaults.Training with { Steps = steps, Seed = 7 } };

var run = new TrainingRun(configuration, folder);
var summary = run.Execute((statistics, seconds) =>
{
    if (statistics.Step % 500 == 0 || statistics.Step == steps)
    {
        Console.WriteLine($"step {statistics.Step}: loss_D {statistics.LossD:F3}, loss_G {statistics.LossG:F3}, "
                          + $"D(x) {statistics.DReal:F3}, D(G(z)) {statistics.DFake:F3}");
    }
});
Console.WriteLine($"Trained {summary.Steps} steps in {summary.Seconds:F1} s. Run folder: {summary.OutputDirectory}");

using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Training;

namespace GanSharp.Bench;

/// <summary>One benchmark: the run configuration whose training iteration is timed.</summary>
/// <param name="Name">Name in the results table.</param>
/// <param name="Configuration">Data, model and Algorithm 1 settings; the step count is ignored.</param>
/// <param name="ReportsImages">True when images per second are reported next to steps per second.</param>
internal sealed record BenchmarkCase(string Name, RunConfiguration Configuration, bool ReportsImages)
{
    /// <summary>Rows of metrics.csv are read every this many steps, as in a default training run.</summary>
    public const int LogInterval = 10;

    public static IReadOnlyList<BenchmarkCase> All { get; } = Create();

    public static BenchmarkCase Find(string name) =>
        All.FirstOrDefault(benchmark => benchmark.Name == name)
        ?? throw new ArgumentException($"Unknown benchmark '{name}': use {string.Join(", ", All.Select(benchmark => benchmark.Name))}.");

    public IDataSource OpenData() => DataSourceFactory.Create(Configuration.Data, Configuration.Model.Design);

    private static List<BenchmarkCase> Create()
    {
        // The 1-D GAN: G 8 → 64 → 64 → 1, D 1 → 64 → 64 → 1, minibatches of 256, Adam.
        var points = RunConfiguration.CreateDefault("gaussian1d");

        // The main job: G 100 → 256 → 512 → 1024 → 784, D 784 → 512 → 256 → 1 with dropout 0.3, minibatches of 64.
        var digits = RunConfiguration.CreateDefault(DataOptions.Mnist);
        var digitsLargeBatch = digits with { Training = digits.Training with { BatchSize = 256 } };
        var cases = new List<BenchmarkCase>
        {
            new("mlp-1d", points, ReportsImages: false),
            new("mlp-mnist", digits, ReportsImages: true),
            new("mlp-mnist-b256", digitsLargeBatch, ReportsImages: true),
        };

        // GanSharp's DCGAN for 28 × 28 digits with its default widths and minibatches of 64.
        var dcgan = RunConfiguration.CreateDefault(DataOptions.Mnist, kind: ModelKind.Dcgan);
        cases.Add(new BenchmarkCase("dcgan-mnist", dcgan, ReportsImages: true));

        return cases;
    }
}

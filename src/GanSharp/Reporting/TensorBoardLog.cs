using GanSharp.Theory;
using GanSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Reporting;

/// <summary>
/// Writes a run's statistics, sample pictures and parameter histograms as TensorBoard event files, with TorchSharp's
/// <c>SummaryWriter</c>. Each process writes a new event file, and TensorBoard shows all files of the folder as one run.
/// </summary>
/// <remarks>
/// Scalar tags are the columns of <c>metrics.csv</c>: <c>train/loss_d</c>, <c>train/loss_g</c>, <c>train/d_real</c>
/// (mean D(x)), <c>train/d_fake</c> (mean D(G(z))), <c>train/value</c> (V̂), and for point runs <c>theory/jsd</c>,
/// <c>theory/c_of_g</c> and, in 1-D, <c>theory/d_star_error</c>. The sample picture is tagged <c>samples</c>. Histograms are
/// tagged <c>generator/NAME</c> and <c>discriminator/NAME</c> for the weights and <c>generator_grad/NAME</c> and
/// <c>discriminator_grad/NAME</c> for the gradients, where NAME is the parameter name, for example <c>net.0.weight</c>.
/// Nothing here draws random numbers or changes a tensor of the model, so training gives the same results with or
/// without it.
/// </remarks>
public sealed class TensorBoardLog
{
    public const string SamplesTag = "samples";

    private readonly SummaryWriter writer;

    private TensorBoardLog(string directory)
    {
        Directory = directory;
        writer = utils.tensorboard.SummaryWriter(directory);
    }

    /// <summary>The folder of the event files.</summary>
    public string Directory { get; }

    /// <summary>
    /// Opens the TensorBoard folder of a run, or returns null when the configuration turns TensorBoard off. When
    /// <paramref name="resumeStep"/> is given, the records of later steps are first removed from the folder's event files,
    /// because the resumed run writes those steps again.
    /// </summary>
    public static TensorBoardLog? Open(RunConfiguration configuration, string runDirectory, int? resumeStep)
    {
        if (configuration.ResolveTensorBoardDirectory(runDirectory) is not { } directory)
        {
            return null;
        }

        if (resumeStep is { } step)
        {
            TensorBoardEventFiles.TrimAfterStep(directory, step);
        }

        return new TensorBoardLog(directory);
    }

    /// <summary>Writes the statistics of one <c>metrics.csv</c> row as scalars at its step.</summary>
    public void WriteStatistics(StepStatistics statistics)
    {
        var step = statistics.Step;
        writer.add_scalar("train/loss_d", (float)statistics.LossD, step);
        writer.add_scalar("train/loss_g", (float)statistics.LossG, step);
        writer.add_scalar("train/d_real", (float)statistics.DReal, step);
        writer.add_scalar("train/d_fake", (float)statistics.DFake, step);
        writer.add_scalar("train/value", (float)statistics.Value, step);
    }

    /// <summary>Writes the theory metrics measured at <paramref name="step"/> as scalars.</summary>
    public void WriteTheory(int step, TheoryMeasurement measurement)
    {
        writer.add_scalar("theory/jsd", (float)measurement.JensenShannon, step);
        writer.add_scalar("theory/c_of_g", (float)measurement.CriterionValue, step);
        if (measurement.OptimalDiscriminatorError is { } error)
        {
            writer.add_scalar("theory/d_star_error", (float)error, step);
        }
    }

    /// <summary>Writes the sample picture saved at <paramref name="pngPath"/> as the image of <paramref name="step"/>.</summary>
    public void WriteSamples(int step, string pngPath) => writer.add_img(SamplesTag, pngPath, step);

    /// <summary>
    /// Writes a histogram of every parameter of <paramref name="module"/> and of its gradient, when it has one.
    /// A tensor holding NaN or an infinite value is left out, because a histogram of it has no finite bins.
    /// </summary>
    /// <param name="step">The step to record.</param>
    /// <param name="network">Tag prefix, <c>generator</c> or <c>discriminator</c>.</param>
    /// <param name="module">The network.</param>
    public void WriteHistograms(int step, string network, nn.Module module)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            WriteHistogram($"{network}/{name}", parameter, step);
            if (parameter.grad is { } gradient)
            {
                WriteHistogram($"{network}_grad/{name}", gradient, step);
            }
        }
    }

    private void WriteHistogram(string tag, Tensor values, int step)
    {
        var onCpu = values.detach().cpu();
        if (onCpu.numel() == 0 || !isfinite(onCpu).all().item<bool>())
        {
            return;
        }

        writer.add_histogram(tag, onCpu, step);
    }
}

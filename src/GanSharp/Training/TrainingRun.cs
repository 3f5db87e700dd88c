using System.Diagnostics;
using GanSharp.Data;
using GanSharp.Reporting;
using GanSharp.Runtime;
using GanSharp.Theory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Trains a GAN from a <see cref="RunConfiguration"/> and writes its run folder: <c>config.json</c>,
/// <c>model.json</c>, <c>metrics.csv</c>, sample pictures under <c>samples/</c>, <c>curves.png</c>, and the final weights
/// <c>generator.pt</c> and <c>discriminator.pt</c>, and checkpoints under <c>checkpoints/</c> (see <see cref="CheckpointStore"/>). Runs on point data with theory metrics also write
/// <c>value.png</c>, and 1-D runs the phases figure under <c>phases/</c>. Every file is written atomically.
/// </summary>
public sealed class TrainingRun
{
    public const string ConfigFileName = "config.json";
    public const string MetricsFileName = "metrics.csv";
    public const string GeneratorFileName = "generator.pt";
    public const string DiscriminatorFileName = "discriminator.pt";
    public const string CurvesFileName = "curves.png";
    public const string SamplesFolderName = "samples";
    public const string ValueCurveFileName = "value.png";
    public const string PhasesFolderName = "phases";
    public const string PhasesRowFileName = "phases.png";

    /// <summary>Mean D(G(z)) below which a log row counts towards the "discriminator has won" warning.</summary>
    public const double DiscriminatorWinThreshold = 0.01;

    /// <summary>Consecutive log rows with mean D(G(z)) below the threshold before the warning is logged.</summary>
    public const int DiscriminatorWinRows = 5;

    private static readonly TimeSpan MetricsSavePeriod = TimeSpan.FromSeconds(10);

    private readonly ILogger logger;

    public TrainingRun(RunConfiguration configuration, string outputDirectory, ILogger? logger = null)
        : this(configuration, outputDirectory, logger, resume: false)
    {
    }

    private TrainingRun(RunConfiguration configuration, string outputDirectory, ILogger? logger, bool resume)
    {
        Configuration = configuration;
        OutputDirectory = Path.GetFullPath(outputDirectory);
        this.logger = logger ?? NullLogger.Instance;
        IsResume = resume;
    }

    public RunConfiguration Configuration { get; }

    public string OutputDirectory { get; }

    /// <summary>Hook called after every iteration and before the checks, so that tests can corrupt the trainer's state.</summary>
    internal Action<GanTrainer>? AfterIteration { get; set; }

    /// <summary>True when <see cref="Execute"/> continues the run folder from its latest good checkpoint.</summary>
    public bool IsResume { get; }

    /// <summary>
    /// Prepares to continue the run in <paramref name="runDirectory"/> with its own <c>config.json</c>.
    /// </summary>
    /// <param name="runDirectory">The run folder, with <c>config.json</c> and <c>checkpoints/</c>.</param>
    /// <param name="steps">A new total step count, or null to keep the one in <c>config.json</c>.</param>
    /// <param name="logger">Receives progress and the warnings about skipped checkpoints.</param>
    public static TrainingRun OpenForResume(string runDirectory, int? steps = null, ILogger? logger = null)
    {
        var folder = RunFolder.Open(runDirectory);
        var configuration = folder.Configuration;
        if (steps is { } newSteps)
        {
            configuration = configuration with { Training = configuration.Training with { Steps = newSteps } };
        }

        return new TrainingRun(configuration, folder.Directory, logger, resume: true);
    }

    /// <summary>
    /// Validates the configuration, opens the data and the output folder, then trains. Invalid options and bad
    /// input files fail before the output folder is created. A resumed run first loads its latest good checkpoint.
    /// </summary>
    /// <param name="onStep">
    /// Called at every row of <c>metrics.csv</c> (every <see cref="RunConfiguration.LogInterval"/> steps and the last
    /// step) with that step's statistics and the seconds elapsed.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops training after the current step; a checkpoint is then written and the files written so far stay.
    /// </param>
    /// <exception cref="RunFolderInUseException">Another process holds the run folder's <c>run.lock</c>.</exception>
    public RunSummary Execute(Action<StepStatistics, double>? onStep = null, CancellationToken cancellationToken = default)
    {
        Configuration.Validate();
        var data = OpenData();
        try
        {
            WarnOfIgnoredFiles(data);
            using var trainer = new GanTrainer(data, Configuration.Model, Configuration.Training, Configuration.SampleCount);
            if (!IsResume)
            {
                LoadInitialWeights(trainer);

                // The run folder is checked first, because a used one also contains event files and its own message names the fix.
                CheckOutputDirectoryIsNew();
                CheckTensorBoardDirectory();
            }

            using var runLock = IsResume ? RunLock.Acquire(OutputDirectory) : PrepareOutputDirectory(data);
            var checkpoints = new CheckpointStore(OutputDirectory, Configuration.KeepCheckpoints, logger);
            var resumedFrom = IsResume ? LoadLatestCheckpoint(checkpoints, trainer) : null;
            return Train(trainer, data, checkpoints, resumedFrom, onStep, cancellationToken);
        }
        finally
        {
            (data as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Replaces the initial weights of G and D with the PyTorch state dictionaries named by the configuration. The
    /// parameters keep their identity, so they stay trainable and in the optimizers.
    /// </summary>
    private void LoadInitialWeights(GanTrainer trainer)
    {
        LoadInitialWeights(trainer.Generator, Configuration.InitGenerator, "--init-generator", "generator");
        LoadInitialWeights(trainer.Discriminator, Configuration.InitDiscriminator, "--init-discriminator", "discriminator");
    }

    private void LoadInitialWeights(TorchSharp.torch.nn.Module network, string? path, string option, string role)
    {
        if (path is null)
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new ArgumentException(
                $"Invalid {option} {path}: it is a folder. Give the state dictionary file inside it, such as {Path.Combine(path, role + ".pt")}.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Invalid {option} {path}: the file does not exist. Give a PyTorch state dictionary written by torch.save(model.state_dict(), path) or gansharp export.",
                path);
        }

        PyTorchStateDict.Load(network, path, role);
        logger.LogInformation("Loaded the initial {Role} weights from {Path}", role, path);
    }

    /// <summary>Rejects a TensorBoard folder that is a file or already contains event files, which would mix two runs.</summary>
    private void CheckTensorBoardDirectory()
    {
        if (Configuration.ResolveTensorBoardDirectory(OutputDirectory) is not { } directory)
        {
            return;
        }

        if (File.Exists(directory))
        {
            throw new IOException($"Invalid --tensorboard {directory}: it is a file. Choose a folder path, or none to turn TensorBoard off.");
        }

        if (TensorBoardEventFiles.Find(directory).Length > 0)
        {
            throw new IOException(
                $"Invalid --tensorboard {directory}: it already contains TensorBoard event files, which TensorBoard would show as one run with this one. Choose a new folder.");
        }
    }

    private void WarnOfIgnoredFiles(IDataSource data)
    {
        if (data is ImageFolderDataSource { IgnoredFiles.Count: 1 } single)
        {
            logger.LogWarning(
                "Ignored 1 file without a .png, .jpg or .jpeg extension in {Folder}: {File}",
                single.Directory, single.IgnoredFiles[0]);
        }
        else if (data is ImageFolderDataSource { IgnoredFiles.Count: > 1 } folder)
        {
            logger.LogWarning(
                "Ignored {Count} files without a .png, .jpg or .jpeg extension in {Folder}, such as {File}",
                folder.IgnoredFiles.Count, folder.Directory, folder.IgnoredFiles[0]);
        }
    }

    private IDataSource OpenData()
    {
        try
        {
            return DataSourceFactory.Create(Configuration.Data, Configuration.Model.Design);
        }
        catch (FileNotFoundException exception) when (IsResume)
        {
            throw new FileNotFoundException(
                $"Cannot resume {OutputDirectory}: {exception.Message} The run's {ConfigFileName} names this file under data.path, "
                + "so put the file back or correct that path.", exception.FileName, exception);
        }
    }

    private CheckpointState LoadLatestCheckpoint(CheckpointStore checkpoints, GanTrainer trainer)
    {
        var path = checkpoints.FindLatestGood()
                   ?? throw new InvalidDataException(
                       $"Cannot resume {OutputDirectory}: it has no complete checkpoint under {checkpoints.Directory}. Start a new run with gansharp train --out.");
        var state = CheckpointStore.Load(path, trainer);
        if (Configuration.Training.Steps < state.Step)
        {
            throw new ArgumentException(
                $"Invalid --steps {Configuration.Training.Steps}: the run is already at step {state.Step}. Give a larger total step count.");
        }

        // config.json records the total step count, which --steps may have raised.
        AtomicFile.WriteAllText(Path.Combine(OutputDirectory, ConfigFileName), Configuration.ToJson() + "\n");
        logger.LogInformation("Resuming from checkpoint {Path} at step {Step}", path, state.Step);
        return state;
    }

    private void CheckOutputDirectoryIsNew()
    {
        if (File.Exists(OutputDirectory))
        {
            throw new IOException($"Invalid --out {OutputDirectory}: it is a file. Choose a folder path.");
        }

        if (Directory.Exists(OutputDirectory) && Directory.EnumerateFileSystemEntries(OutputDirectory).Any())
        {
            throw new IOException(
                $"Invalid --out {OutputDirectory}: the folder is not empty. Choose a new folder or delete this one.");
        }
    }

    private RunLock PrepareOutputDirectory(IDataSource data)
    {
        CheckOutputDirectoryIsNew();
        var created = !Directory.Exists(OutputDirectory);
        RunLock? runLock = null;
        try
        {
            Directory.CreateDirectory(OutputDirectory);
            runLock = RunLock.Acquire(OutputDirectory);
            Directory.CreateDirectory(Path.Combine(OutputDirectory, SamplesFolderName));
            AtomicFile.WriteAllText(Path.Combine(OutputDirectory, ConfigFileName), Configuration.ToJson() + "\n");
            var shape = new ModelShape(data.Kind, data.SampleShape);
            AtomicFile.WriteAllText(Path.Combine(OutputDirectory, ModelShape.FileName),
                System.Text.Json.JsonSerializer.Serialize(shape, RunConfiguration.JsonOptions) + "\n");
            return runLock;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException
                                              and not RunFolderInUseException)
        {
            runLock?.Dispose();

            // Leave no half-made run folder behind: remove what this call created.
            if (created && Directory.Exists(OutputDirectory))
            {
                Directory.Delete(OutputDirectory, recursive: true);
            }

            throw new IOException(
                $"Cannot write to --out {OutputDirectory}: {exception.Message} Choose a writable folder.", exception);
        }
    }

    private RunSummary Train(
        GanTrainer trainer, IDataSource data, CheckpointStore checkpoints, CheckpointState? resumedFrom,
        Action<StepStatistics, double>? onStep, CancellationToken cancellationToken)
    {
        using var theory = TheoryRecorder.Create(Configuration, data, OutputDirectory, logger);
        var tensorBoard = TensorBoardLog.Open(Configuration, OutputDirectory, resumedFrom?.Step);
        var metrics = new MetricsLog(theory?.Columns ?? TheoryColumns.None);
        foreach (var row in resumedFrom?.MetricsRows ?? [])
        {
            metrics.Add(row.Statistics, row.Seconds, row.Theory);
        }

        var metricsPath = Path.Combine(OutputDirectory, MetricsFileName);
        var secondsBefore = resumedFrom?.Seconds ?? 0;
        var clock = Stopwatch.StartNew();
        logger.LogInformation("Training {Steps} steps on {Data} into {Folder}", Configuration.Training.Steps, data.Name, OutputDirectory);

        if (resumedFrom is null)
        {
            SaveSamples(trainer, data, 0, checkpoints, tensorBoard);
            WriteHistogramsIfDue(trainer, tensorBoard, checkpoints);
        }

        // NOTE: a resumed 1-D run keeps the phase pictures drawn before the resume on disk, but phases.png shows only
        // the phases captured by this process.
        theory?.CapturePhase(trainer);
        StepStatistics last = resumedFrom?.MetricsRows.LastOrDefault().Statistics ?? default;
        var lastMetricsSave = TimeSpan.Zero;
        var lastCheckpointStep = trainer.Step;
        var discriminatorWin = new DiscriminatorWinTracker(logger, Configuration.Training.Objective);
        while (trainer.Step < Configuration.Training.Steps && !cancellationToken.IsCancellationRequested)
        {
            trainer.TrainIteration();
            AfterIteration?.Invoke(trainer);
            var step = trainer.Step;
            var isLastStep = step == Configuration.Training.Steps;
            var isLogRow = step % Configuration.LogInterval == 0 || isLastStep;
            var isCheckpointStep = step % Configuration.CheckpointInterval == 0;
            var isEvaluationStep = theory?.IsDue(step, isLastStep) ?? false;

            // Statistics and parameters are read only where a row, a checkpoint or the weights get written, because
            // reading them waits for the device. A checkpoint or the final weights thus never hold a NaN, and a loss
            // that turns NaN between two rows stops the run at the next one.
            if (isLogRow || isCheckpointStep || isEvaluationStep || cancellationToken.IsCancellationRequested)
            {
                last = trainer.ReadStatistics();
                if (!double.IsFinite(last.LossD) || !double.IsFinite(last.LossG))
                {
                    var quantity = double.IsFinite(last.LossD) ? $"loss_G is {last.LossG}" : $"loss_D is {last.LossD}";
                    StopDiverged(metrics, metricsPath, last, secondsBefore + clock.Elapsed.TotalSeconds, quantity);
                }

                if (trainer.FindNonFiniteParameter() is { } badParameter)
                {
                    StopDiverged(metrics, metricsPath, last, secondsBefore + clock.Elapsed.TotalSeconds, badParameter.ToString());
                }
            }

            var measurement = isEvaluationStep ? theory?.MeasureIfDue(trainer, isLastStep) : null;
            var seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            if (isLogRow || measurement is not null)
            {
                metrics.Add(last, seconds, measurement);
            }

            if (isLogRow)
            {
                discriminatorWin.Observe(last);
                onStep?.Invoke(last, seconds);
                WriteTensorBoard(tensorBoard, checkpoints, log => log.WriteStatistics(last));

                // Without this, freed libtorch temporaries stay resident and the process grows over the run.
                NativeHeap.Trim();
            }

            if (measurement is { } theoryMetrics)
            {
                WriteTensorBoard(tensorBoard, checkpoints, log => log.WriteTheory(last.Step, theoryMetrics));
            }

            WriteHistogramsIfDue(trainer, tensorBoard, checkpoints);
            if (step % Configuration.SampleInterval == 0 || isLastStep)
            {
                SaveSamples(trainer, data, step, checkpoints, tensorBoard);
                SaveMetrics(metrics, metricsPath, checkpoints);
                lastMetricsSave = clock.Elapsed;
            }
            else if (clock.Elapsed - lastMetricsSave > MetricsSavePeriod)
            {
                // A killed run then loses at most this much of metrics.csv, whatever the sample interval.
                SaveMetrics(metrics, metricsPath, checkpoints);
                lastMetricsSave = clock.Elapsed;
            }

            theory?.CapturePhase(trainer);
            if (isCheckpointStep)
            {
                checkpoints.Write(trainer, Configuration, metrics, seconds);
                lastCheckpointStep = trainer.Step;
            }
        }

        // The end of the run, or an interruption, gets a checkpoint of its own. A new run stopped before its first step
        // gets one at step 0, so that the resume command printed on Ctrl+C works.
        if (trainer.Step != lastCheckpointStep || (resumedFrom is null && trainer.Step == 0))
        {
            checkpoints.Write(trainer, Configuration, metrics, secondsBefore + clock.Elapsed.TotalSeconds);
        }

        SaveMetrics(metrics, metricsPath, checkpoints);
        WriteOrAdvise(Path.Combine(OutputDirectory, CurvesFileName), checkpoints, () => SaveCurves(metrics));

        // NOTE: a failed write of the theory pictures gives only the system's message, without the advice of WriteOrAdvise.
        theory?.Finish(metrics);
        SaveWeights(trainer, checkpoints);
        logger.LogInformation("Finished at step {Step} after {Seconds:F1} s", trainer.Step, secondsBefore + clock.Elapsed.TotalSeconds);
        return new RunSummary(OutputDirectory, trainer.Step, secondsBefore + clock.Elapsed.TotalSeconds, last,
            Completed: trainer.Step == Configuration.Training.Steps);
    }

    /// <summary>
    /// Ends a run whose loss or parameters became NaN or infinite: the step's row goes into metrics.csv, neither the
    /// weights nor a checkpoint are written, and <see cref="TrainingDivergedException"/> names the step and the
    /// quantity.
    /// </summary>
    private void StopDiverged(MetricsLog metrics, string metricsPath, StepStatistics last, double seconds, string quantity)
    {
        metrics.Add(last, seconds, null);

        metrics.Save(metricsPath);
        SaveCurves(metrics);
        logger.LogError("Training diverged at step {Step}: {Quantity}", last.Step, quantity);
        throw new TrainingDivergedException(
            $"Training diverged at step {last.Step}: {quantity}. The weights were not saved; {DivergenceAdvice()}",
            last.Step);
    }

    private string DivergenceAdvice() => Configuration.Training.Optimizer == OptimizerKind.Sgd
        ? "lower --lr-g and --lr-d, or try --optimizer adam."
        : "lower --lr-g and --lr-d, or try another --seed.";

    private void SaveSamples(GanTrainer trainer, IDataSource data, int step, CheckpointStore checkpoints, TensorBoardLog? tensorBoard)
    {
        using var scope = NewDisposeScope();
        var generated = trainer.Generate(trainer.FixedNoise);
        var path = Path.Combine(OutputDirectory, SamplesFolderName, $"step-{step:D6}.png");
        WriteOrAdvise(path, checkpoints,
            () => SamplePictures.Save(data, generated, Configuration.Model.Design, path, $"{data.Name}, step {step}"));
        WriteTensorBoard(tensorBoard, checkpoints, log => log.WriteSamples(step, path));
        logger.LogDebug("Wrote samples {Path}", path);
    }

    /// <summary>
    /// Writes the TensorBoard histograms of G and D at every histogram interval, step 0 included. The gradients are
    /// those of the last generator step and of the last discriminator step.
    /// </summary>
    private void WriteHistogramsIfDue(GanTrainer trainer, TensorBoardLog? tensorBoard, CheckpointStore checkpoints)
    {
        if (Configuration.HistogramInterval == 0 || trainer.Step % Configuration.HistogramInterval != 0)
        {
            return;
        }

        WriteTensorBoard(tensorBoard, checkpoints, log =>
        {
            log.WriteHistograms(trainer.Step, "generator", trainer.Generator);
            log.WriteHistograms(trainer.Step, "discriminator", trainer.Discriminator);
        });
    }

    /// <summary>Runs <paramref name="write"/> when TensorBoard is on, with the advice of <see cref="WriteOrAdvise"/> on failure.</summary>
    private static void WriteTensorBoard(TensorBoardLog? tensorBoard, CheckpointStore checkpoints, Action<TensorBoardLog> write)
    {
        if (tensorBoard is not null)
        {
            WriteOrAdvise(tensorBoard.Directory, checkpoints, () => write(tensorBoard));
        }
    }

    private static void SaveMetrics(MetricsLog metrics, string path, CheckpointStore checkpoints) =>
        WriteOrAdvise(path, checkpoints, () => metrics.Save(path));

    /// <summary>
    /// Runs <paramref name="write"/> and turns an I/O failure, mostly a full disk, into a message that names the file and
    /// the way to continue. The atomic writes leave the previous content of the file in place.
    /// </summary>
    private static void WriteOrAdvise(string path, CheckpointStore checkpoints, Action write)
    {
        try
        {
            write();
        }
        catch (IOException exception)
        {
            throw new IOException(
                $"Failed to write {path}: {exception.Message.Split('\n')[0]} {checkpoints.AdviseAfterWriteFailure()}", exception);
        }
    }

    private void SaveCurves(MetricsLog metrics)
    {
        if (metrics.Rows.Count == 0)
        {
            return;
        }

        var steps = metrics.Rows.Select(row => (long)row.Statistics.Step).ToArray();
        var series = new Dictionary<string, IReadOnlyList<double>>
        {
            ["loss of D"] = metrics.Rows.Select(row => row.Statistics.LossD).ToArray(),
            ["loss of G"] = metrics.Rows.Select(row => row.Statistics.LossG).ToArray(),
            ["D(x)"] = metrics.Rows.Select(row => row.Statistics.DReal).ToArray(),
            ["D(G(z))"] = metrics.Rows.Select(row => row.Statistics.DFake).ToArray(),
        };
        SamplePlots.TrainingCurves(steps, series, Path.Combine(OutputDirectory, CurvesFileName),
            "Training curves", referenceValue: Math.Log(4), referenceLabel: "ln 4 = loss of D at equilibrium", yLabel: "value");
    }

    private void SaveWeights(GanTrainer trainer, CheckpointStore checkpoints)
    {
        var generatorPath = Path.Combine(OutputDirectory, GeneratorFileName);
        WriteOrAdvise(generatorPath, checkpoints, () => ModuleFiles.Save(trainer.Generator, generatorPath));
        var discriminatorPath = Path.Combine(OutputDirectory, DiscriminatorFileName);
        WriteOrAdvise(discriminatorPath, checkpoints, () => ModuleFiles.Save(trainer.Discriminator, discriminatorPath));
    }
}

using System.CommandLine;
using System.Runtime.InteropServices;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Objectives;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary><c>gansharp train</c>: trains a GAN with Algorithm 1 and writes a run folder.</summary>
internal static class TrainCommand
{
    private static readonly Option<string?> Config = new("--config")
    {
        Description = "Read the options from a JSON file in the format of a run's config.json; a partial file gets the defaults for its data, and options given on the command line override the file.",
    };

    private static readonly Option<string?> Data = new("--data")
    {
        Description = "Real data: mnist (the bundled 10,000 digits, default), idx (an IDX file given by --data-path), folder (a folder of PNG and JPEG files given by --data-path), points (a CSV file of 1-D or 2-D points given by --data-path), gaussian1d, mixture1d, ring8 or grid25.",
    };

    private static readonly Option<string?> DataPath = new("--data-path")
    {
        Description = "IDX image file for --data idx (raw, or gzip when the name ends in .gz), the image folder for --data folder, or CSV file for --data points (one point per line, 1 or 2 comma-separated numbers, optional header line).",
    };

    private static readonly Option<int?> ImageSize = new("--image-size")
    {
        Description = $"Side in pixels that --data folder images are scaled (short side) and centre-cropped to (default {DataOptions.DefaultFolderImageSize}).",
    };

    private static readonly Option<int?> Channels = new("--channels")
    {
        Description = $"Channels of --data folder images: 1 (grey) or 3 (colour, default {DataOptions.DefaultFolderChannels}).",
    };

    private static readonly Option<string?> LabelsPath = new("--labels-path")
    {
        Description = "Optional IDX label file matching --data-path.",
    };

    private static readonly Option<string?> Split = new Option<string?>("--split")
    {
        Description = "Images of the file to train on: train (every image whose index mod 10 is 0 to 7; default for mnist) or all (default for idx).",
    }.AcceptOnlyFromAmong("train", "all");

    private static readonly Option<int?> Steps = new("--steps") { Description = "Generator steps to train (default: 10000 for images with the MLP, 3000 for images with the DCGAN and for points)." };
    private static readonly Option<int?> K = new("--k") { Description = "Discriminator steps per generator step (default 1)." };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Minibatch size m (default: 64 for images, 256 for points)." };
    private static readonly Option<int?> LatentDim = new("--latent-dim") { Description = "Dimension of the noise z (default: 100 for images, 8 for points)." };

    private static readonly Option<string?> Objective = new Option<string?>("--objective")
    {
        Description = "Generator loss: minimax or non-saturating (default).",
    }.AcceptOnlyFromAmong("minimax", "non-saturating");

    private static readonly Option<string?> Optimizer = new Option<string?>("--optimizer")
    {
        Description = "Optimizer for both networks: adam (default) or sgd (with --momentum).",
    }.AcceptOnlyFromAmong("adam", "sgd");

    private static readonly Option<double?> LearningRateG = new("--lr-g") { Description = "Generator learning rate (default: 2e-4 for images, 1e-3 for points; 0.01 with sgd)." };
    private static readonly Option<double?> LearningRateD = new("--lr-d") { Description = "Discriminator learning rate (same defaults as --lr-g)." };
    private static readonly Option<double?> Momentum = new("--momentum") { Description = "SGD momentum (default 0.5)." };
    private static readonly Option<double?> Beta1 = new("--beta1") { Description = "Adam beta1 (default 0.5)." };
    private static readonly Option<long?> Seed = new("--seed") { Description = "Seed for weights, dropout, noise and minibatches (default 1)." };

    private static readonly Option<string?> Model = new Option<string?>("--model")
    {
        Description = "Architecture of both networks: mlp (default, multilayer perceptrons of the --design family) or dcgan (convolutional, for images).",
    }.AcceptOnlyFromAmong("mlp", "dcgan");

    private static readonly Option<int?> GeneratorWidth = new("--g-width")
    {
        Description = $"DCGAN generator feature maps in its last hidden block, doubled at each block towards z (default {ModelOptions.DefaultDcganBaseWidth}).",
    };

    private static readonly Option<int?> DiscriminatorWidth = new("--d-width")
    {
        Description = $"DCGAN discriminator feature maps in its first block, doubled at each further block (default {ModelOptions.DefaultDcganBaseWidth}).",
    };

    private static readonly Option<string?> Design = new Option<string?>("--design")
    {
        Description = "MLP family: common (LeakyReLU D, tanh G output, pixels in [-1, 1]) or goodfellow2014 (maxout D, sigmoid G output, pixels in [0, 1]).",
    }.AcceptOnlyFromAmong("common", "goodfellow2014");

    private static readonly Option<string?> Noise = new Option<string?>("--noise")
    {
        Description = "Noise prior p_z: normal (default) or uniform on [-1, 1].",
    }.AcceptOnlyFromAmong("normal", "uniform");

    private static readonly Option<string?> GeneratorHidden = new("--g-hidden") { Description = "Generator hidden widths, comma-separated (default: 256,512,1024 for images, 64,64 for points)." };
    private static readonly Option<string?> DiscriminatorHidden = new("--d-hidden") { Description = "Discriminator hidden widths, comma-separated (default: 512,256 for images, 64,64 for points)." };
    private static readonly Option<double?> Dropout = new("--dropout") { Description = "Dropout probability in the discriminator (default: 0.3 for images, 0 for points)." };
    private static readonly Option<int?> LogInterval = new("--log-interval") { Description = "Steps between rows of metrics.csv (default 10)." };
    private static readonly Option<int?> SampleInterval = new("--sample-interval") { Description = "Steps between sample pictures (default: 1000 for images with the MLP, 500 for the DCGAN and for points)." };
    private static readonly Option<int?> EvaluationInterval = new("--eval-interval")
    {
        Description = "Steps between theory metrics (jsd, c_of_g, d_star_error) in metrics.csv for the built-in point distributions, or 0 for none (default: 100 for them, 0 for images and point files).",
    };

    private static readonly Option<string?> PhaseSteps = new("--phase-steps")
    {
        Description = "Steps at which a 1-D run draws the phases figure, comma-separated, or none (default: 0, a thirtieth, a third and all of --steps).",
    };

    private static readonly Option<string?> Output = new("--out") { Description = "Run folder to create; must be new or empty (default: runs/DATA-TIMESTAMP)." };

    private static readonly Option<string?> Device = new Option<string?>("--device")
    {
        Description = "Torch device: cpu (default) or cuda (needs a TorchSharp CUDA package).",
    };

    private static readonly Option<int?> CheckpointInterval = new("--checkpoint-interval")
    {
        Description = "Steps between checkpoints under checkpoints/ in the run folder; one is also written at the end and on Ctrl+C (default: 1000 for images with the MLP, 500 for the DCGAN and for points).",
    };

    private static readonly Option<int?> KeepCheckpoints = new("--keep-checkpoints") { Description = "Newest checkpoints to keep (default 3)." };

    private static readonly Option<string?> TensorBoard = new("--tensorboard")
    {
        Description = "Folder for TensorBoard event files, or none to write none (default: tensorboard inside the run folder).",
    };

    private static readonly Option<int?> HistogramInterval = new("--histogram-interval")
    {
        Description = "Steps between TensorBoard histograms of the weights and gradients of G and D, or 0 for none (default: 1000 for images, 500 for points).",
    };

    private static readonly Option<string?> InitGenerator = new("--init-generator")
    {
        Description = "PyTorch state dictionary (.pt) to start the generator from, for example one written by gansharp export.",
    };

    private static readonly Option<string?> InitDiscriminator = new("--init-discriminator")
    {
        Description = "PyTorch state dictionary (.pt) to start the discriminator from.",
    };

    private static readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue the run folder DIR from its latest good checkpoint with its own config.json. Only --steps may be given with it, to change the total step count.",
    };

    public static Command Create()
    {
        var command = new Command("train", "Train a GAN with Algorithm 1 (k discriminator steps per generator step) and write a run folder.")
        {
            Config, Data, DataPath, LabelsPath, Split, ImageSize, Channels, Steps, K, BatchSize, LatentDim, Objective, Optimizer, LearningRateG, LearningRateD,
            Momentum, Beta1, Seed, Model, Design, Noise, GeneratorHidden, DiscriminatorHidden, GeneratorWidth, DiscriminatorWidth, Dropout, LogInterval, SampleInterval,
            EvaluationInterval, PhaseSteps, Output, Device, CheckpointInterval, KeepCheckpoints, TensorBoard, HistogramInterval,
            InitGenerator, InitDiscriminator, Resume,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var logger = ConsoleLogger.Create(parseResult.GetValue(CommonOptions.Verbose));
        var run = parseResult.GetValue(Resume) is { } resumeFolder
            ? OpenForResume(parseResult, resumeFolder, logger)
            : CreateRun(parseResult, logger);
        var configuration = run.Configuration;

        // Ctrl+C (SIGINT) and SIGTERM end the current step. The run then writes a checkpoint and its files, and exits 130.
        using var cancellation = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        var summary = TrainingDisplay.Track(configuration.Training.Steps, onStep => run.Execute(onStep, cancellation.Token));
        if (summary.Completed)
        {
            TrainingDisplay.ShowFinished(summary);
            return ExitCodes.Success;
        }

        Console.WriteLine($"Stopped at step {summary.Steps} of {configuration.Training.Steps} and wrote a checkpoint. Run folder: {summary.OutputDirectory}");
        Console.WriteLine($"To continue, run: gansharp train --resume {summary.OutputDirectory}");
        return ExitCodes.Interrupted;
    }

    private static TrainingRun CreateRun(ParseResult parseResult, ConsoleLogger logger)
    {
        var configuration = BuildConfiguration(parseResult);
        var output = parseResult.GetValue(Output)
                     ?? Path.Combine("runs", $"{configuration.Data.Name}-{DateTime.Now:yyyyMMdd-HHmmss}");
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new ArgumentException("Invalid --out '': give the path of a new or empty folder, for example runs/my-run.");
        }

        return new TrainingRun(configuration, output, logger);
    }

    /// <summary>Opens a run folder to continue; every option other than --steps is rejected, because config.json fixes them.</summary>
    private static TrainingRun OpenForResume(ParseResult parseResult, string folder, ConsoleLogger logger)
    {
        var given = parseResult.CommandResult.Children
            .OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(result => !result.Implicit && result.Option != Resume && result.Option != Steps && result.Option != CommonOptions.Verbose)
            .Select(result => result.Option.Name)
            .ToArray();
        if (given.Length > 0)
        {
            throw new ArgumentException(
                $"Invalid {string.Join(", ", given)} with --resume: a resumed run keeps the options in its config.json. Drop them; only --steps may change.");
        }

        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException("Invalid --resume '': give the run folder to continue, for example runs/my-run.");
        }

        return TrainingRun.OpenForResume(folder, parseResult.GetValue(Steps), logger);
    }

    /// <summary>
    /// Applies the options given on the command line over the <c>--config</c> file, or over the defaults for the
    /// chosen data when there is no file.
    /// </summary>
    internal static RunConfiguration BuildConfiguration(ParseResult parseResult)
    {
        var requestedDesign = parseResult.GetValue(Design) is { } designName ? ParseDesign(designName) : (ModelDesign?)null;
        var requestedKind = parseResult.GetValue(Model) is { } kindName ? ParseModelKind(kindName) : (ModelKind?)null;
        var dataName = parseResult.GetValue(Data)?.Trim().ToLowerInvariant();
        var basis = parseResult.GetValue(Config) is { } configPath
            ? RunConfigurationFile.Read(configPath)
            : RunConfiguration.CreateDefault(dataName ?? DataOptions.Mnist, requestedDesign ?? ModelDesign.Common, requestedKind ?? ModelKind.Mlp);
        var kind = requestedKind ?? basis.Model.Kind;
        if (kind == ModelKind.Mlp && (parseResult.GetValue(GeneratorWidth) is not null || parseResult.GetValue(DiscriminatorWidth) is not null))
        {
            throw new ArgumentException("Invalid --g-width or --d-width with --model mlp: they set DCGAN widths. Use --g-hidden and --d-hidden, or add --model dcgan.");
        }

        var optimizer = parseResult.GetValue(Optimizer) is { } optimizerName ? ParseOptimizer(optimizerName) : basis.Training.Optimizer;

        // Switching to SGD on the command line without a learning rate gets SGD's default rate.
        var basisLearningRateG = basis.Training.LearningRateG;
        var basisLearningRateD = basis.Training.LearningRateD;
        if (optimizer == OptimizerKind.Sgd && basis.Training.Optimizer != OptimizerKind.Sgd)
        {
            basisLearningRateG = basisLearningRateD = 0.01;
        }

        var model = basis.Model with
        {
            Design = requestedDesign ?? basis.Model.Design,
            Kind = kind,
            LatentDim = parseResult.GetValue(LatentDim) ?? basis.Model.LatentDim,
            GeneratorHidden = ParseWidths(parseResult.GetValue(GeneratorHidden), "--g-hidden") ?? basis.Model.GeneratorHidden,
            DiscriminatorHidden = ParseWidths(parseResult.GetValue(DiscriminatorHidden), "--d-hidden") ?? basis.Model.DiscriminatorHidden,
            Dropout = parseResult.GetValue(Dropout) ?? basis.Model.Dropout,
            GeneratorBaseWidth = parseResult.GetValue(GeneratorWidth) ?? basis.Model.GeneratorBaseWidth,
            DiscriminatorBaseWidth = parseResult.GetValue(DiscriminatorWidth) ?? basis.Model.DiscriminatorBaseWidth,
            NoisePrior = parseResult.GetValue(Noise) switch
            {
                "uniform" => NoisePrior.Uniform,
                "normal" => NoisePrior.Normal,
                _ => basis.Model.NoisePrior,
            },
        };

        var training = basis.Training with
        {
            Steps = parseResult.GetValue(Steps) ?? basis.Training.Steps,
            K = parseResult.GetValue(K) ?? basis.Training.K,
            BatchSize = parseResult.GetValue(BatchSize) ?? basis.Training.BatchSize,
            Objective = parseResult.GetValue(Objective) switch
            {
                "minimax" => GeneratorObjective.Minimax,
                "non-saturating" => GeneratorObjective.NonSaturating,
                _ => basis.Training.Objective,
            },
            Optimizer = optimizer,
            LearningRateG = parseResult.GetValue(LearningRateG) ?? basisLearningRateG,
            LearningRateD = parseResult.GetValue(LearningRateD) ?? basisLearningRateD,
            Momentum = parseResult.GetValue(Momentum) ?? basis.Training.Momentum,
            Beta1 = parseResult.GetValue(Beta1) ?? basis.Training.Beta1,
            Seed = parseResult.GetValue(Seed) ?? basis.Training.Seed,
            Device = parseResult.GetValue(Device) ?? basis.Training.Device,
        };

        // The file's data paths and image shape belong to its data, so --data with another name starts from that
        // data's defaults instead.
        var basisData = dataName is null || dataName == basis.Data.Name
            ? basis.Data
            : RunConfiguration.CreateDefault(dataName).Data;
        var configuration = basis with
        {
            // Full paths in config.json let --resume find the files from any working folder.
            Data = basisData with
            {
                Path = FullPath(parseResult.GetValue(DataPath) ?? basisData.Path),
                LabelsPath = FullPath(parseResult.GetValue(LabelsPath) ?? basisData.LabelsPath),
                ImageSize = parseResult.GetValue(ImageSize) ?? basisData.ImageSize,
                Channels = parseResult.GetValue(Channels) ?? basisData.Channels,
                Split = parseResult.GetValue(Split) switch
                {
                    "train" => DataSplit.Train,
                    "all" => DataSplit.All,
                    _ => basisData.Split,
                },
            },
            Model = model,
            Training = training,
            LogInterval = parseResult.GetValue(LogInterval) ?? basis.LogInterval,
            SampleInterval = parseResult.GetValue(SampleInterval) ?? basis.SampleInterval,
            EvaluationInterval = parseResult.GetValue(EvaluationInterval) ?? basis.EvaluationInterval,
            PhaseSteps = ParsePhaseSteps(parseResult.GetValue(PhaseSteps)) ?? basis.PhaseSteps,
            CheckpointInterval = parseResult.GetValue(CheckpointInterval) ?? basis.CheckpointInterval,
            KeepCheckpoints = parseResult.GetValue(KeepCheckpoints) ?? basis.KeepCheckpoints,
            TensorBoard = ParseTensorBoard(parseResult.GetValue(TensorBoard), basis.TensorBoard),
            HistogramInterval = parseResult.GetValue(HistogramInterval) ?? basis.HistogramInterval,
            InitGenerator = FullPathOrNull(parseResult.GetValue(InitGenerator), "--init-generator") ?? basis.InitGenerator,
            InitDiscriminator = FullPathOrNull(parseResult.GetValue(InitDiscriminator), "--init-discriminator") ?? basis.InitDiscriminator,
        };
        ValidateWithSource(configuration, basis, parseResult.GetValue(Config));
        return configuration;
    }

    /// <summary>
    /// Validates the final configuration. When the invalid value came from the <c>--config</c> file rather than from
    /// an option, the message also names the file.
    /// </summary>
    private static void ValidateWithSource(RunConfiguration configuration, RunConfiguration basis, string? configPath)
    {
        try
        {
            configuration.Validate();
        }
        catch (ArgumentException exception) when (configPath is not null && FailsWithSameMessage(basis, exception.Message))
        {
            throw new ArgumentException($"{exception.Message} The value comes from the configuration file {Path.GetFullPath(configPath)}.", exception);
        }
    }

    private static bool FailsWithSameMessage(RunConfiguration basis, string message)
    {
        try
        {
            basis.Validate();
            return false;
        }
        catch (ArgumentException exception)
        {
            return exception.Message == message;
        }
    }

    /// <summary>
    /// Returns the TensorBoard folder to store in config.json: the default when the option is absent, null for none,
    /// and otherwise the full path, because a relative path on the command line is taken from the current folder like --out.
    /// </summary>
    private static string? ParseTensorBoard(string? text, string? defaultFolder) => text switch
    {
        null => defaultFolder,
        _ when text.Trim() == "none" => null,
        _ => FullPathOrNull(text, "--tensorboard"),
    };

    private static string? FullPathOrNull(string? path, string option)
    {
        if (path is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"Invalid {option} '': give a path, or leave the option out.");
        }

        return Path.GetFullPath(path);
    }

    private static string? FullPath(string? path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);

    private static OptimizerKind ParseOptimizer(string name) => name == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam;

    private static ModelKind ParseModelKind(string name) => name == "dcgan" ? ModelKind.Dcgan : ModelKind.Mlp;

    private static ModelDesign ParseDesign(string name) => name == "goodfellow2014" ? ModelDesign.Goodfellow2014 : ModelDesign.Common;

    private static int[]? ParsePhaseSteps(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Trim() == "none")
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var steps = new int[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            if (!int.TryParse(parts[index], out steps[index]) || steps[index] < 0)
            {
                throw new ArgumentException(
                    $"Invalid --phase-steps '{text}': give whole steps from 0 up separated by commas, for example 0,100,1000,3000, or none.");
            }
        }

        return steps;
    }

    private static int[]? ParseWidths(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            if (!int.TryParse(parts[index], out widths[index]) || widths[index] < 1)
            {
                throw new ArgumentException($"Invalid {option} '{text}': give positive whole widths separated by commas, for example 256,512.");
            }
        }

        return widths;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Objectives;
using GanSharp.Runtime;

namespace GanSharp.Training;

/// <summary>
/// Everything that defines a training run. Written as <c>config.json</c> into every run folder, so a run
/// can be repeated exactly from its folder.
/// </summary>
/// <param name="Data">The real data.</param>
/// <param name="Model">Generator and discriminator architecture.</param>
/// <param name="Training">Algorithm 1 settings.</param>
/// <param name="LogInterval">Steps between rows of <c>metrics.csv</c>.</param>
/// <param name="SampleInterval">Steps between sample pictures drawn from the fixed noise.</param>
/// <param name="SampleCount">Generated examples in each sample picture.</param>
/// <param name="EvaluationInterval">
/// Steps between measurements of the theory metrics (<c>jsd</c>, <c>c_of_g</c>, <c>d_star_error</c>) on point data;
/// 0 turns them off. Image data and point files have no known density for these metrics, so they need 0.
/// </param>
/// <param name="PhaseSteps">
/// Steps at which a 1-D run draws the phases figure, for example [0, 100, 1000, 3000]; null means
/// <see cref="DefaultPhaseSteps"/> of the run's step count, and an empty list draws none.
/// </param>
/// <param name="CheckpointInterval">Steps between checkpoints under <c>checkpoints/</c>; one is also written at the end.</param>
/// <param name="KeepCheckpoints">Newest checkpoints kept; older ones are deleted after each write.</param>
/// <param name="TensorBoard">
/// Folder of the TensorBoard event files, relative to the run folder unless rooted, or null for no TensorBoard files.
/// Written as <c>tensorboard</c> in <c>config.json</c>.
/// </param>
/// <param name="HistogramInterval">
/// Steps between TensorBoard histograms of the weights and gradients of G and D; 0 turns them off.
/// </param>
/// <param name="InitGenerator">
/// PyTorch state dictionary file (<c>.pt</c>) whose tensors replace the generator's initial weights, or null.
/// </param>
/// <param name="InitDiscriminator">
/// PyTorch state dictionary file whose tensors replace the discriminator's initial weights, or null.
/// </param>
public sealed record RunConfiguration(
    DataOptions Data,
    ModelOptions Model,
    TrainingOptions Training,
    int LogInterval,
    int SampleInterval,
    int SampleCount,
    int EvaluationInterval = 0,
    int[]? PhaseSteps = null,
    int CheckpointInterval = RunConfiguration.DefaultPointCheckpointInterval,
    int KeepCheckpoints = RunConfiguration.DefaultKeepCheckpoints,
    [property: JsonPropertyName("tensorboard")] string? TensorBoard = RunConfiguration.DefaultTensorBoardFolder,
    int HistogramInterval = RunConfiguration.DefaultPointHistogramInterval,
    string? InitGenerator = null,
    string? InitDiscriminator = null)
{
    /// <summary>TensorBoard folder inside the run folder in the default configuration.</summary>
    public const string DefaultTensorBoardFolder = "tensorboard";

    /// <summary>Steps between TensorBoard histograms in the default configuration for point data.</summary>
    public const int DefaultPointHistogramInterval = 500;

    /// <summary>Steps between TensorBoard histograms in the default configuration for images.</summary>
    public const int DefaultImageHistogramInterval = 1000;

    /// <summary>Steps between checkpoints in the default configuration for point data.</summary>
    public const int DefaultPointCheckpointInterval = 500;

    /// <summary>Steps between checkpoints in the default configuration for images.</summary>
    public const int DefaultImageCheckpointInterval = 1000;

    /// <summary>Generator steps in the default DCGAN configuration.</summary>
    public const int DefaultDcganSteps = 3000;

    /// <summary>Steps between checkpoints in the default DCGAN configuration, which trains slower per step than the MLP.</summary>
    public const int DefaultDcganCheckpointInterval = 500;

    /// <summary>Largest side accepted for <c>folder</c> images.</summary>
    public const int MaxFolderImageSize = 1024;

    /// <summary>Checkpoints kept in the default configuration.</summary>
    public const int DefaultKeepCheckpoints = 3;

    /// <summary>Steps between theory measurements in the default configuration for point data.</summary>
    public const int DefaultEvaluationInterval = 100;

    /// <summary>Options for reading and writing <c>config.json</c>: kebab-case enum names, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>
    /// Returns the default configuration for a data set: a larger image model for digits, a small fast model
    /// for 1-D and 2-D points.
    /// </summary>
    /// <param name="dataName">Name of the data, as <see cref="DataOptions.Name"/> takes it.</param>
    /// <param name="design">
    /// Model family. For images, <see cref="ModelDesign.Goodfellow2014"/> gets the widths of the 2014 MNIST model:
    /// a generator with two ReLU layers of 1200 units, a discriminator with two maxout layers of 240 units and
    /// 5 pieces, dropout 0.5 and uniform noise.
    /// </param>
    /// <param name="kind">Architecture of both networks.</param>
    public static RunConfiguration CreateDefault(string dataName, ModelDesign design = ModelDesign.Common, ModelKind kind = ModelKind.Mlp)
    {
        var isImage = DataOptions.IsImageName(dataName);
        if (!isImage && dataName != DataOptions.Points && !BuiltInDistributions.Names.Contains(dataName))
        {
            throw new ArgumentException(
                $"Unknown --data '{dataName}': use mnist, idx, folder or points (each but mnist with --data-path), {string.Join(", ", BuiltInDistributions.Names)}.");
        }

        var data = dataName == DataOptions.Folder
            ? new DataOptions(dataName, ImageSize: DataOptions.DefaultFolderImageSize, Channels: DataOptions.DefaultFolderChannels)
            : new DataOptions(dataName, Split: dataName == DataOptions.Mnist ? DataSplit.Train : DataSplit.All);

        if (isImage && kind == ModelKind.Dcgan)
        {
            return new RunConfiguration(
                data,
                new ModelOptions(design, 100, [], [], 0, 5, NoisePrior.Normal, kind),
                new TrainingOptions(DefaultDcganSteps, 1, 64, GeneratorObjective.NonSaturating, OptimizerKind.Adam,
                    2e-4, 2e-4, 0.5, 0.999, 0.5, 1, "cpu"),
                LogInterval: 10,
                SampleInterval: 500,
                SampleCount: 64,
                CheckpointInterval: DefaultDcganCheckpointInterval);
        }

        if (isImage)
        {
            // About three minutes on two cores; the digits are recognisable from about 8,000 steps.
            return new RunConfiguration(
                data,
                design == ModelDesign.Goodfellow2014
                    ? new ModelOptions(design, 100, [1200, 1200], [240, 240], 0.5, 5, NoisePrior.Uniform, kind)
                    : new ModelOptions(design, 100, [256, 512, 1024], [512, 256], 0.3, 5, NoisePrior.Normal, kind),
                new TrainingOptions(10000, 1, 64, GeneratorObjective.NonSaturating, OptimizerKind.Adam,
                    2e-4, 2e-4, 0.5, 0.999, 0.5, 1, "cpu"),
                LogInterval: 10,
                SampleInterval: 1000,
                SampleCount: 64,
                CheckpointInterval: DefaultImageCheckpointInterval,
                HistogramInterval: DefaultImageHistogramInterval);
        }

        return new RunConfiguration(
            new DataOptions(dataName),
            new ModelOptions(design, 8, [64, 64], [64, 64], 0, 5, NoisePrior.Normal, kind),
            new TrainingOptions(3000, 1, 256, GeneratorObjective.NonSaturating, OptimizerKind.Adam,
                1e-3, 1e-3, 0.5, 0.999, 0.5, 1, "cpu"),
            LogInterval: 10,
            SampleInterval: 500,
            SampleCount: 2000,

            // A point file gives no density, which the theory metrics need.
            EvaluationInterval: dataName == DataOptions.Points ? 0 : DefaultEvaluationInterval);
    }

    /// <summary>
    /// Returns the phase steps drawn when none are given: 0, a thirtieth, a third and all of
    /// <paramref name="steps"/>, for example 0, 100, 1000 and 3000, without repeats.
    /// </summary>
    public static int[] DefaultPhaseSteps(int steps) => new[] { 0, steps / 30, steps / 3, steps }.Distinct().ToArray();

    /// <summary>
    /// Returns the full path of the TensorBoard folder of a run in <paramref name="runDirectory"/>, or null when
    /// TensorBoard is off.
    /// </summary>
    public string? ResolveTensorBoardDirectory(string runDirectory) =>
        TensorBoard is null ? null : Path.GetFullPath(TensorBoard, Path.GetFullPath(runDirectory));

    /// <summary>Returns <see cref="PhaseSteps"/>, or the default for this run's step count, sorted and without repeats.</summary>
    public int[] ResolvePhaseSteps() => (PhaseSteps ?? DefaultPhaseSteps(Training.Steps)).Distinct().Order().ToArray();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value and the fix.</summary>
    public void Validate()
    {
        if (Model.Kind == ModelKind.Dcgan && !Data.IsImage)
        {
            throw new ArgumentException(
                $"Invalid --model dcgan with --data {Data.Name}: the DCGAN generates images. Use --model mlp or image data.");
        }

        Model.Validate();
        Training.Validate();
        if (LogInterval < 1)
        {
            throw new ArgumentException($"Invalid --log-interval {LogInterval}: use a whole number of steps of at least 1.");
        }

        if (SampleInterval < 1)
        {
            throw new ArgumentException($"Invalid --sample-interval {SampleInterval}: use a whole number of steps of at least 1.");
        }

        if (SampleCount < 1)
        {
            throw new ArgumentException($"Invalid --sample-count {SampleCount}: use a whole number of at least 1.");
        }

        ValidateDataPaths();
        ValidateFolderImageOptions();

        if (!Enum.IsDefined(Data.Split))
        {
            throw new ArgumentException($"Invalid split {Data.Split}: use all, train, validation or test.");
        }

        if (Data.Name is not (DataOptions.Idx or DataOptions.Mnist) && Data.Split != DataSplit.All)
        {
            throw new ArgumentException(
                $"Invalid --split {DataSplitRule.Name(Data.Split)} with --data {Data.Name}: splits belong to image files. Drop --split.");
        }

        if (CheckpointInterval < 1)
        {
            throw new ArgumentException($"Invalid --checkpoint-interval {CheckpointInterval}: use a whole number of steps of at least 1.");
        }

        if (KeepCheckpoints < 1)
        {
            throw new ArgumentException($"Invalid --keep-checkpoints {KeepCheckpoints}: use a whole number of at least 1.");
        }

        if (HistogramInterval < 0)
        {
            throw new ArgumentException($"Invalid --histogram-interval {HistogramInterval}: use a number of steps of at least 1, or 0 to turn histograms off.");
        }

        if (TensorBoard is not null && string.IsNullOrWhiteSpace(TensorBoard))
        {
            throw new ArgumentException("Invalid --tensorboard '': give a folder for the event files, or none to turn TensorBoard off.");
        }

        ValidateTheoryOptions();
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a configuration written by <see cref="ToJson"/>, with a one-line error for a bad file.</summary>
    public static RunConfiguration FromJson(string json, string source)
    {
        try
        {
            var configuration = JsonSerializer.Deserialize<RunConfiguration>(json, JsonOptions)
                                ?? throw new InvalidDataException($"Invalid configuration {source}: the file is empty or null.");
            if (configuration.Data is null || configuration.Model is null || configuration.Training is null
                || configuration.Model.GeneratorHidden is null || configuration.Model.DiscriminatorHidden is null
                || configuration.Data.Name is null || configuration.Training.Device is null)
            {
                throw new InvalidDataException(
                    $"Invalid configuration {source}: a required section or value is missing or null. Write the file again from a run's config.json.");
            }

            return configuration;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"Invalid configuration {source}: {JsonErrors.Describe(exception)} Fix the value or write the file again from a run's config.json.");
        }
    }

    private void ValidateDataPaths()
    {
        var takesPath = Data.Name is DataOptions.Idx or DataOptions.Folder or DataOptions.Points;
        if (takesPath && string.IsNullOrWhiteSpace(Data.Path))
        {
            var what = Data.Name switch
            {
                DataOptions.Idx => "an IDX image file",
                DataOptions.Folder => "a folder of PNG or JPEG images",
                _ => "a CSV file of points",
            };
            throw new ArgumentException($"Missing --data-path: --data {Data.Name} needs the path of {what}.");
        }

        if (!takesPath && Data.Path is not null)
        {
            throw new ArgumentException(
                $"Invalid --data-path {Data.Path} with --data {Data.Name}: a data path is read only with --data idx, folder or points. Add one of them or drop --data-path.");
        }

        if (Data.Name is not (DataOptions.Idx or DataOptions.Mnist) && Data.LabelsPath is not null)
        {
            throw new ArgumentException(
                $"Invalid --labels-path {Data.LabelsPath} with --data {Data.Name}: labels belong to IDX image data. Drop --labels-path.");
        }
    }

    private void ValidateFolderImageOptions()
    {
        if (Data.Name != DataOptions.Folder)
        {
            if (Data.ImageSize is not null || Data.Channels is not null)
            {
                var option = Data.ImageSize is not null ? "--image-size" : "--channels";
                throw new ArgumentException(
                    $"Invalid {option} with --data {Data.Name}: only --data folder resizes images. Drop {option}.");
            }

            return;
        }

        if (Data.ImageSize is not { } size || size < 1 || size > MaxFolderImageSize)
        {
            throw new ArgumentException(
                $"Invalid --image-size {Data.ImageSize}: use a side in pixels from 1 to {MaxFolderImageSize}, such as 64.");
        }

        if (Data.Channels is not (1 or 3))
        {
            throw new ArgumentException($"Invalid --channels {Data.Channels}: use 1 for grey images or 3 for colour.");
        }

        if (Model.Kind == ModelKind.Dcgan)
        {
            // The size is known before any image is decoded, so a wrong one fails at once.
            DcganLayout.For([Data.Channels.Value, size, size]);
        }
    }

    private void ValidateTheoryOptions()
    {
        var isImage = Data.IsImage;
        if (EvaluationInterval < 0)
        {
            throw new ArgumentException($"Invalid --eval-interval {EvaluationInterval}: use a number of steps of at least 1, or 0 to turn the theory metrics off.");
        }

        var hasDensity = !isImage && Data.Name != DataOptions.Points;
        if (!hasDensity && EvaluationInterval > 0)
        {
            throw new ArgumentException(
                $"Invalid --eval-interval {EvaluationInterval} for --data {Data.Name}: the theory metrics need a built-in point distribution with a known density. Use 0 or leave it out.");
        }

        if (PhaseSteps is null || PhaseSteps.Length == 0)
        {
            return;
        }

        if (!hasDensity || BuiltInDistributions.Create(Data.Name).Kind != DataKind.Points1D)
        {
            throw new ArgumentException(
                $"Invalid --phase-steps for --data {Data.Name}: the phases figure needs a known 1-D density, gaussian1d or mixture1d. Leave it out.");
        }

        foreach (var step in PhaseSteps)
        {
            if (step < 0 || step > Training.Steps)
            {
                throw new ArgumentException(
                    $"Invalid --phase-steps value {step}: use steps from 0 to the last step {Training.Steps}.");
            }
        }
    }
}

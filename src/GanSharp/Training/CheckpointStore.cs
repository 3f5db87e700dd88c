using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanSharp.Data;
using GanSharp.Reporting;
using GanSharp.Runtime;
using Microsoft.Extensions.Logging;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Writes, verifies, loads and prunes the checkpoints of a run folder, kept under <c>checkpoints/step-NNNNNN/</c>.
/// </summary>
/// <remarks>
/// A checkpoint is first written into a hidden folder <c>checkpoints/.step-NNNNNN.RANDOM.tmp</c>, with
/// <c>manifest.json</c> (the length and SHA-256 of every other file) written last, and the folder is then renamed
/// to <c>step-NNNNNN</c>. A process killed at any moment therefore leaves either a complete checkpoint or a hidden
/// temporary folder, which loading ignores and the next write removes. Loading checks every file against the
/// manifest and falls back to the previous checkpoint, with a warning naming the bad file.
/// </remarks>
public sealed class CheckpointStore
{
    public const string FolderName = "checkpoints";
    public const string ManifestFileName = "manifest.json";
    public const string StateFileName = "state.json";
    public const string GeneratorOptimizerFileName = "optimizer-g.bin";
    public const string DiscriminatorOptimizerFileName = "optimizer-d.bin";
    public const string RandomStateFileName = "random.bin";

    private const string StepPrefix = "step-";

    private static readonly JsonSerializerOptions StateJsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private readonly ILogger logger;

    /// <param name="runDirectory">The run folder; checkpoints go into its <c>checkpoints</c> subfolder.</param>
    /// <param name="keep">Number of newest checkpoints kept after each write, at least 1.</param>
    /// <param name="logger">Receives the warnings about bad checkpoints.</param>
    public CheckpointStore(string runDirectory, int keep, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        Directory = Path.Combine(Path.GetFullPath(runDirectory), FolderName);
        Keep = keep;
        this.logger = logger;
    }

    /// <summary>The <c>checkpoints</c> folder.</summary>
    public string Directory { get; }

    public int Keep { get; }

    /// <summary>Returns the path of the checkpoint folder for <paramref name="step"/>.</summary>
    public string PathOf(int step) => Path.Combine(Directory, $"{StepPrefix}{step:D6}");

    /// <summary>Returns the complete-looking checkpoint folders, newest first, without verifying them.</summary>
    public IReadOnlyList<(int Step, string Path)> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var found = new List<(int Step, string Path)>();
        foreach (var path in System.IO.Directory.EnumerateDirectories(Directory, StepPrefix + "*"))
        {
            var suffix = Path.GetFileName(path)[StepPrefix.Length..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                found.Add((step, path));
            }
        }

        return found.OrderByDescending(entry => entry.Step).ToArray();
    }

    /// <summary>
    /// Writes a checkpoint of <paramref name="trainer"/> at its current step, then deletes the oldest checkpoints
    /// beyond <see cref="Keep"/>. A checkpoint already present for the step is replaced.
    /// </summary>
    public string Write(GanTrainer trainer, RunConfiguration configuration, MetricsLog metrics, double seconds)
    {
        System.IO.Directory.CreateDirectory(Directory);
        RemoveTemporaryFolders();

        var step = trainer.Step;
        var temporary = Path.Combine(Directory, $".{StepPrefix}{step:D6}.{Path.GetRandomFileName()}.tmp");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            WriteFiles(temporary, trainer, configuration, metrics, seconds);
            var target = PathOf(step);
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Delete(target, recursive: true);
            }

            System.IO.Directory.Move(temporary, target);
            logger.LogInformation("Wrote checkpoint {Path}", target);
            Prune();
            return target;
        }
        catch (IOException exception)
        {
            // Mostly a full disk. The message tells the user how to continue, because the run folder is no longer empty.
            DeleteQuietly(temporary);
            throw new IOException(
                $"Failed to write the checkpoint of step {step} in {Directory}: {exception.Message.Split('\n')[0]} {AdviseAfterWriteFailure()}",
                exception);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>
    /// Returns what to do after a run file failed to be written, mostly because the disk is full: resume when a
    /// checkpoint exists, otherwise start again, because a new run needs an empty folder.
    /// </summary>
    public string AdviseAfterWriteFailure()
    {
        var runDirectory = Path.GetDirectoryName(Directory)!;
        return List().Count > 0
            ? $"Free disk space, then run gansharp train --resume {runDirectory} to continue from the last checkpoint."
            : $"Free disk space, then delete {runDirectory} and train again, because it has no checkpoint to resume from.";
    }

    /// <summary>
    /// Returns the newest checkpoint whose files all match its manifest, logging a warning that names the bad file
    /// of each newer one skipped, or null when there is none.
    /// </summary>
    public string? FindLatestGood()
    {
        foreach (var (_, path) in List())
        {
            var problem = Verify(path);
            if (problem is null)
            {
                return path;
            }

            logger.LogWarning("Skipped checkpoint {Path}: {Problem} Falling back to the previous checkpoint.", path, problem);
        }

        return null;
    }

    /// <summary>Returns null when every file of the checkpoint matches its manifest, otherwise what is wrong and with which file.</summary>
    public static string? Verify(string checkpointPath)
    {
        var manifestPath = Path.Combine(checkpointPath, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            return $"{manifestPath} is missing.";
        }

        CheckpointManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(manifestPath), StateJsonOptions);
        }
        catch (JsonException exception)
        {
            return $"{manifestPath} is invalid: {exception.Message.Split('\n')[0]}";
        }

        if (manifest?.Files is not { Length: > 0 })
        {
            return $"{manifestPath} lists no files.";
        }

        foreach (var entry in manifest.Files)
        {
            var path = Path.Combine(checkpointPath, entry.Name);
            if (!File.Exists(path))
            {
                return $"{path} is missing.";
            }

            var length = new FileInfo(path).Length;
            if (length != entry.Length)
            {
                return $"{path} has {length} bytes but the manifest expects {entry.Length}.";
            }

            if (HashFile(path) != entry.Sha256)
            {
                return $"{path} does not match its SHA-256 checksum in the manifest.";
            }
        }

        return null;
    }

    /// <summary>
    /// Loads a verified checkpoint into <paramref name="trainer"/>, which must have been built from the same
    /// configuration, and returns its state with the metrics rows.
    /// </summary>
    public static CheckpointState Load(string checkpointPath, GanTrainer trainer)
    {
        var state = JsonSerializer.Deserialize<CheckpointState>(
                        File.ReadAllText(Path.Combine(checkpointPath, StateFileName)), StateJsonOptions)
                    ?? throw new InvalidDataException($"Invalid {Path.Combine(checkpointPath, StateFileName)}: the file is empty.");

        ModuleFiles.Load(trainer.Generator, Path.Combine(checkpointPath, TrainingRun.GeneratorFileName));
        ModuleFiles.Load(trainer.Discriminator, Path.Combine(checkpointPath, TrainingRun.DiscriminatorFileName));
        AsHelper(trainer.GeneratorOptimizer).load_state_dict(Path.Combine(checkpointPath, GeneratorOptimizerFileName));
        AsHelper(trainer.DiscriminatorOptimizer).load_state_dict(Path.Combine(checkpointPath, DiscriminatorOptimizerFileName));
        LoadRandomStates(Path.Combine(checkpointPath, RandomStateFileName), trainer);

        RequireSamePointFile(checkpointPath, trainer.Data, state);
        if (trainer.Data is IShuffledDataSource shuffled && state.ShufflePermutation is { } permutation)
        {
            shuffled.ShuffleState = (permutation, state.ShufflePosition);
        }

        var fixedNoise = trainer.FixedNoise;
        if (!fixedNoise.shape.SequenceEqual(state.FixedNoiseShape))
        {
            throw new InvalidDataException(
                $"Invalid checkpoint {checkpointPath}: the fixed noise has shape [{string.Join(", ", state.FixedNoiseShape)}] "
                + $"but the run needs [{string.Join(", ", fixedNoise.shape)}].");
        }

        using (var saved = tensor(state.FixedNoise, state.FixedNoiseShape))
        {
            fixedNoise.copy_(saved);
        }

        trainer.Step = state.Step;
        trainer.DiscriminatorUpdates = state.DiscriminatorUpdates;
        trainer.GeneratorUpdates = state.GeneratorUpdates;
        return state;
    }

    /// <summary>
    /// Rejects a resume on a point file whose content changed since the checkpoint, because its minibatches would no
    /// longer be those of the run.
    /// </summary>
    private static void RequireSamePointFile(string checkpointPath, IDataSource data, CheckpointState state)
    {
        if (data is PointFileDataSource file && state.DataFileSha256 is { } expected && file.FileSha256 != expected)
        {
            throw new InvalidDataException(
                $"Cannot resume from {checkpointPath}: the point file {file.Source} changed since the checkpoint was written, "
                + "because its SHA-256 differs. Restore the original file, or start a new run with gansharp train --out.");
        }
    }

    private static void WriteFiles(string folder, GanTrainer trainer, RunConfiguration configuration, MetricsLog metrics, double seconds)
    {
        trainer.Generator.save(Path.Combine(folder, TrainingRun.GeneratorFileName));
        trainer.Discriminator.save(Path.Combine(folder, TrainingRun.DiscriminatorFileName));
        AsHelper(trainer.GeneratorOptimizer).save_state_dict(Path.Combine(folder, GeneratorOptimizerFileName));
        AsHelper(trainer.DiscriminatorOptimizer).save_state_dict(Path.Combine(folder, DiscriminatorOptimizerFileName));
        SaveRandomStates(Path.Combine(folder, RandomStateFileName), trainer);

        long[]? permutation = null;
        var position = 0;
        if (trainer.Data is IShuffledDataSource shuffled)
        {
            (permutation, position) = shuffled.ShuffleState;
        }

        var state = new CheckpointState(
            trainer.Step,
            trainer.DiscriminatorUpdates,
            trainer.GeneratorUpdates,
            seconds,
            permutation,
            position,
            trainer.FixedNoise.shape,
            trainer.FixedNoise.data<float>().ToArray(),
            metrics.TheoryColumns,
            metrics.Rows.ToArray(),
            (trainer.Data as PointFileDataSource)?.FileSha256);
        File.WriteAllText(Path.Combine(folder, StateFileName), JsonSerializer.Serialize(state, StateJsonOptions));
        File.WriteAllText(Path.Combine(folder, TrainingRun.ConfigFileName), configuration.ToJson() + "\n");

        var entries = System.IO.Directory.EnumerateFiles(folder)
            .Select(path => new CheckpointFileEntry(Path.GetFileName(path), new FileInfo(path).Length, HashFile(path)))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToArray();
        var manifest = JsonSerializer.Serialize(new CheckpointManifest(trainer.Step, entries), StateJsonOptions);
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFileName), manifest + "\n");
    }

    /// <summary>
    /// Writes the data and noise generator states and torch's global generator state (used by dropout), each as a
    /// length-prefixed byte block.
    /// </summary>
    private static void SaveRandomStates(string path, GanTrainer trainer)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new BinaryWriter(stream);
        foreach (var generator in RandomGenerators(trainer))
        {
            using var state = generator.get_state();
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }

        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static void LoadRandomStates(string path, GanTrainer trainer)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        foreach (var generator in RandomGenerators(trainer))
        {
            var bytes = reader.ReadBytes(reader.ReadInt32());
            using var state = tensor(bytes, [bytes.Length], dtype: ScalarType.Byte);
            generator.set_state(state);
        }
    }

    private static TorchSharp.torch.Generator[] RandomGenerators(GanTrainer trainer) =>
        [trainer.DataRandom, trainer.NoiseRandom, TorchSharp.torch.Generator.Default];

    private static OptimizerHelper AsHelper(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"The optimizer {optimizer.GetType().Name} cannot save its state.");

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Deletes the oldest checkpoints beyond <see cref="Keep"/>, never the newest good one.</summary>
    private void Prune()
    {
        var checkpoints = List();
        var newestGood = checkpoints.FirstOrDefault(entry => Verify(entry.Path) is null).Path;
        foreach (var (_, path) in checkpoints.Skip(Keep))
        {
            if (path != newestGood)
            {
                DeleteQuietly(path);
            }
        }
    }

    /// <summary>Removes the hidden temporary folders that an interrupted write left behind.</summary>
    private void RemoveTemporaryFolders()
    {
        foreach (var path in System.IO.Directory.EnumerateDirectories(Directory, $".{StepPrefix}*.tmp"))
        {
            logger.LogInformation("Removed the incomplete checkpoint {Path} left by an interrupted write", path);
            DeleteQuietly(path);
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not delete {Path}: {Message}", path, exception.Message);
        }
    }
}

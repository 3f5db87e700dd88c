using System.Text.Json;
using GanSharp.Models;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>Reads a finished run folder back: its configuration, its model shape and its generator.</summary>
public sealed class RunFolder
{
    private RunFolder(string directory, RunConfiguration configuration, ModelShape shape)
    {
        Directory = directory;
        Configuration = configuration;
        Shape = shape;
    }

    /// <summary>Noise vectors passed through the generator at a time in <see cref="Generate"/>.</summary>
    public const int GenerationBatchSize = 1000;

    /// <summary>Name of the exported generator in the folder written by <see cref="ExportPyTorch"/>.</summary>
    public const string PyTorchGeneratorFileName = "generator.pt";

    /// <summary>Name of the exported discriminator in the folder written by <see cref="ExportPyTorch"/>.</summary>
    public const string PyTorchDiscriminatorFileName = "discriminator.pt";

    /// <summary>Folder inside the run folder that <c>gansharp export</c> writes to when no other is given.</summary>
    public const string DefaultPyTorchFolderName = "pytorch";

    public string Directory { get; }

    public RunConfiguration Configuration { get; }

    public ModelShape Shape { get; }

    /// <summary>Opens a run folder, or throws with a one-line message naming the missing or invalid file.</summary>
    public static RunFolder Open(string directory)
    {
        // Without the trailing separator of "runs/x/", comparisons with paths inside the folder hold.
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (!System.IO.Directory.Exists(fullPath))
        {
            throw new DirectoryNotFoundException($"Run folder not found: {fullPath}. Pass the --out folder of a training run.");
        }

        var configuration = RunConfiguration.FromJson(ReadRequired(fullPath, TrainingRun.ConfigFileName), Path.Combine(fullPath, TrainingRun.ConfigFileName));
        var shapePath = Path.Combine(fullPath, ModelShape.FileName);
        ModelShape shape;
        try
        {
            shape = JsonSerializer.Deserialize<ModelShape>(ReadRequired(fullPath, ModelShape.FileName), RunConfiguration.JsonOptions)
                    ?? throw new InvalidDataException($"Invalid {shapePath}: the file is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Invalid {shapePath}: {JsonErrors.Describe(exception)}");
        }

        return new RunFolder(fullPath, configuration, shape);
    }

    /// <summary>Builds the generator of the run and loads its final weights, on the CPU, in evaluation mode.</summary>
    public GeneratorModule LoadGenerator()
    {
        var generator = GanModelFactory.CreateGenerator(Configuration.Model, Shape.DataKind, Shape.SampleShape);
        ModuleFiles.Load(generator, Path.Combine(Directory, TrainingRun.GeneratorFileName));
        generator.eval();
        return generator;
    }

    /// <summary>Builds the discriminator of the run and loads its final weights, on the CPU, in evaluation mode.</summary>
    public DiscriminatorModule LoadDiscriminator()
    {
        var discriminator = GanModelFactory.CreateDiscriminator(Configuration.Model, Shape.SampleShape);
        ModuleFiles.Load(discriminator, Path.Combine(Directory, TrainingRun.DiscriminatorFileName));
        discriminator.eval();
        return discriminator;
    }

    /// <summary>
    /// Writes the run's final generator and discriminator as PyTorch state dictionaries, <c>generator.pt</c> and
    /// <c>discriminator.pt</c>, into <paramref name="outputDirectory"/>. Each file is written atomically.
    /// </summary>
    /// <returns>The paths of the two files.</returns>
    public (string Generator, string Discriminator) ExportPyTorch(string outputDirectory)
    {
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        var checkpoints = Path.Combine(Directory, CheckpointStore.FolderName);
        if (output == Directory || output == checkpoints || output.StartsWith(checkpoints + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Invalid --out {output}: the export would replace the run's own {TrainingRun.GeneratorFileName} and {TrainingRun.DiscriminatorFileName} or those of its checkpoints. Choose another folder.");
        }

        if (File.Exists(output))
        {
            throw new IOException($"Invalid --out {output}: it is a file. Choose a folder path.");
        }

        using var generator = LoadGenerator();
        using var discriminator = LoadDiscriminator();
        var generatorPath = Path.Combine(output, PyTorchGeneratorFileName);
        var discriminatorPath = Path.Combine(output, PyTorchDiscriminatorFileName);
        PyTorchStateDict.Save(generator, generatorPath);
        PyTorchStateDict.Save(discriminator, discriminatorPath);
        return (generatorPath, discriminatorPath);
    }

    /// <summary>Generates <paramref name="count"/> examples from noise drawn with <paramref name="seed"/>.</summary>
    public Tensor Generate(int count, long seed)
    {
        if (count < 1)
        {
            throw new ArgumentException($"Invalid --count {count}: use a whole number of at least 1.");
        }

        using var generator = LoadGenerator();
        using var random = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var noise = NoiseSampler.Sample(Configuration.Model.NoisePrior, count, Configuration.Model.LatentDim, random, CPU);

        // The generator runs in evaluation mode, so minibatches of noise give the same examples as one large batch
        // while the activations of only one minibatch are held at a time.
        var batches = new List<Tensor>();
        for (var start = 0; start < count; start += GenerationBatchSize)
        {
            batches.Add(generator.forward(noise.narrow(0, start, Math.Min(GenerationBatchSize, count - start))));
        }

        return cat(batches, 0).MoveToOuterDisposeScope();
    }

    private static string ReadRequired(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Missing {path}: the run folder is incomplete. Train again or pass another --run.", path);
        }

        return File.ReadAllText(path);
    }
}

using System.IO.Compression;
using System.Text;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Runtime;
using GanSharp.Tests.Reporting;
using GanSharp.Tests.Training;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Tests.Runtime;

[Collection(SerialTorchRandom.Name)]
public sealed class PyTorchStateDictTests : IDisposable
{
    private static readonly ModelOptions CommonModel =
        new(ModelDesign.Common, LatentDim: 3, GeneratorHidden: [4, 5], DiscriminatorHidden: [6, 7], Dropout: 0.3,
            MaxoutPieces: 5, NoisePrior.Normal);

    private static readonly ModelOptions MaxoutModel = CommonModel with { Design = ModelDesign.Goodfellow2014, DiscriminatorHidden = [6], Dropout = 0.5 };

    private static readonly long[] PointShape = [2];

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void SaveLoad_GivesSameOutputs()
    {
        // The image case has tensors of a few MB, which PyBridge deflates in the zip archive, so they are read in several blocks.
        var imageModel = MaxoutModel with { GeneratorHidden = [600], DiscriminatorHidden = [240] };
        var cases = new (ModelOptions Model, DataKind Kind, long[] Shape)[]
        {
            (CommonModel, DataKind.Points2D, PointShape),
            (MaxoutModel, DataKind.Points2D, PointShape),
            (imageModel, DataKind.Image, [1, 28, 28]),
        };
        foreach (var (model, kind, shape) in cases)
        {
            random.manual_seed(1);
            using var generator = GanModelFactory.CreateGenerator(model, kind, shape);
            using var discriminator = GanModelFactory.CreateDiscriminator(model, shape);
            var generatorPath = directory.File($"{model.Design}-{kind}-generator.pt");
            var discriminatorPath = directory.File($"{model.Design}-{kind}-discriminator.pt");
            PyTorchStateDict.Save(generator, generatorPath);
            PyTorchStateDict.Save(discriminator, discriminatorPath);

            random.manual_seed(2);
            using var loadedGenerator = GanModelFactory.CreateGenerator(model, kind, shape);
            using var loadedDiscriminator = GanModelFactory.CreateDiscriminator(model, shape);
            using var noise = randn(16, model.LatentDim);
            using var points = randn([16, .. shape]);
            Assert.False(Outputs(generator, noise).SequenceEqual(Outputs(loadedGenerator, noise)), "the fresh generator should differ before loading");

            PyTorchStateDict.Load(loadedGenerator, generatorPath, "generator");
            PyTorchStateDict.Load(loadedDiscriminator, discriminatorPath, "discriminator");

            Assert.Equal(Outputs(generator, noise), Outputs(loadedGenerator, noise));
            Assert.Equal(Outputs(discriminator, points), Outputs(loadedDiscriminator, points));
        }
    }

    [Fact]
    public void Save_WritesTorchNamesAndShapes()
    {
        using var generator = GanModelFactory.CreateGenerator(CommonModel, DataKind.Points2D, PointShape);
        using var commonDiscriminator = GanModelFactory.CreateDiscriminator(CommonModel, PointShape);
        using var maxoutDiscriminator = GanModelFactory.CreateDiscriminator(MaxoutModel, PointShape);
        var cases = new (nn.Module Module, string Name, string[] Expected)[]
        {
            // Linear, ReLU, Linear, ReLU, Linear: parameters at Sequential indices 0, 2 and 4.
            (generator, "generator", ["net.0.bias [4]", "net.0.weight [4, 3]", "net.2.bias [5]", "net.2.weight [5, 4]", "net.4.bias [2]", "net.4.weight [2, 5]"]),

            // Linear, LeakyReLU, Dropout, Linear, LeakyReLU, Dropout, Linear.
            (commonDiscriminator, "common", ["net.0.bias [6]", "net.0.weight [6, 2]", "net.3.bias [7]", "net.3.weight [7, 6]", "net.6.bias [1]", "net.6.weight [1, 7]"]),

            // Maxout (one Linear of 6 · 5 outputs), Dropout, Linear.
            (maxoutDiscriminator, "maxout", ["net.0.linear.bias [30]", "net.0.linear.weight [30, 2]", "net.2.bias [1]", "net.2.weight [1, 6]"]),
        };

        foreach (var (module, name, expected) in cases)
        {
            var path = directory.File($"{name}.pt");
            PyTorchStateDict.Save(module, path);

            var entries = PyTorchStateDict.ReadEntries(path);
            Assert.Equal(expected, entries.Select(entry => $"{entry.Name} [{string.Join(", ", entry.Shape)}]"));
            Assert.All(entries, entry => Assert.Equal(ScalarType.Float32, entry.DataType));

            // torch.load reads model/data.pkl, which names each key and rebuilds each tensor from an entry under data/.
            using var archive = ZipFile.OpenRead(path);
            var entryNames = archive.Entries.Select(entry => entry.FullName).ToList();
            Assert.Contains("model/data.pkl", entryNames);
            Assert.Contains("model/version", entryNames);
            Assert.Equal(expected.Length, entryNames.Count(entryName => entryName.StartsWith("model/data/", StringComparison.Ordinal)));
            using var pickle = new MemoryStream();
            using (var stream = archive.GetEntry("model/data.pkl")!.Open())
            {
                stream.CopyTo(pickle);
            }

            var text = Encoding.Latin1.GetString(pickle.ToArray());
            Assert.Contains("torch._utils\n_rebuild_tensor_v2\n", text);
            Assert.Contains("torch\nFloatStorage\n", text);
            foreach (var key in expected.Select(line => line.Split(' ')[0]))
            {
                Assert.Contains(key, text);
            }
        }
    }

    [Fact]
    public void SaveLoad_DcganKeepsBatchNormState()
    {
        var model = CommonModel with
        {
            Kind = ModelKind.Dcgan, LatentDim = 8, GeneratorHidden = [], DiscriminatorHidden = [], Dropout = 0, GeneratorBaseWidth = 4, DiscriminatorBaseWidth = 4,
        };
        long[] shape = [1, 28, 28];
        random.manual_seed(1);
        using var generator = GanModelFactory.CreateGenerator(model, DataKind.Image, shape);
        using var discriminator = GanModelFactory.CreateDiscriminator(model, shape);

        // Two forward passes in training mode move the running statistics and num_batches_tracked away from their initial values.
        using (var scope = NewDisposeScope())
        {
            generator.train();
            discriminator.train();
            discriminator.forward(generator.forward(randn(4, 8)));
            discriminator.forward(generator.forward(randn(4, 8)));
        }

        var generatorPath = directory.File("dcgan-generator.pt");
        var discriminatorPath = directory.File("dcgan-discriminator.pt");
        PyTorchStateDict.Save(generator, generatorPath);
        PyTorchStateDict.Save(discriminator, discriminatorPath);
        var names = PyTorchStateDict.ReadEntries(generatorPath).Select(entry => entry.Name).ToList();
        Assert.Contains("net.project.weight", names);
        Assert.Contains("net.project_norm.running_mean", names);
        Assert.Contains("net.up0.weight", names);
        Assert.Contains("net.output.bias", names);
        Assert.Contains("net.down1_norm.running_var", PyTorchStateDict.ReadEntries(discriminatorPath).Select(entry => entry.Name));

        random.manual_seed(2);
        using var loadedGenerator = GanModelFactory.CreateGenerator(model, DataKind.Image, shape);
        using var loadedDiscriminator = GanModelFactory.CreateDiscriminator(model, shape);
        PyTorchStateDict.Load(loadedGenerator, generatorPath, "generator");
        PyTorchStateDict.Load(loadedDiscriminator, discriminatorPath, "discriminator");

        foreach (var (original, loaded) in new (nn.Module Original, nn.Module Loaded)[] { (generator, loadedGenerator), (discriminator, loadedDiscriminator) })
        {
            var expected = original.state_dict();
            foreach (var (name, tensor) in loaded.state_dict())
            {
                Assert.True(expected[name].shape.SequenceEqual(tensor.shape), $"{name} changed shape");
                Assert.True(expected[name].to_type(ScalarType.Float64).eq(tensor.to_type(ScalarType.Float64)).all().item<bool>(), $"{name} changed value");
            }
        }

        using var noise = randn(3, 8);
        Assert.Equal(Outputs(generator, noise), Outputs(loadedGenerator, noise));
    }

    [Fact]
    public void Load_NamesBothShapesOnMismatch()
    {
        using var small = GanModelFactory.CreateGenerator(CommonModel, DataKind.Points2D, PointShape);
        using var wide = GanModelFactory.CreateGenerator(CommonModel with { GeneratorHidden = [9, 5] }, DataKind.Points2D, PointShape);
        var path = directory.File("wide.pt");
        PyTorchStateDict.Save(wide, path);
        var before = Outputs(small, ones(2, 3));

        var exception = Assert.Throws<InvalidDataException>(() => PyTorchStateDict.Load(small, path, "generator"));

        Assert.Contains("net.0.weight of shape [9, 3] but the generator expects [4, 3]", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.Equal(before, Outputs(small, ones(2, 3)));
    }

    [Fact]
    public void Load_NamesMissingAndUnexpectedTensors()
    {
        using var common = GanModelFactory.CreateDiscriminator(CommonModel with { Dropout = 0 }, PointShape);
        using var maxout = GanModelFactory.CreateDiscriminator(MaxoutModel, PointShape);
        var path = directory.File("maxout.pt");
        PyTorchStateDict.Save(maxout, path);

        var exception = Assert.Throws<InvalidDataException>(() => PyTorchStateDict.Load(common, path, "discriminator"));

        Assert.Contains("lacks net.0.weight, net.0.bias", exception.Message);
        Assert.Contains("net.0.linear.weight", exception.Message);
    }

    [Fact]
    public void Load_RejectsFileThatIsNotStateDict()
    {
        using var generator = GanModelFactory.CreateGenerator(CommonModel, DataKind.Points2D, PointShape);
        var path = directory.File("notes.pt");
        File.WriteAllText(path, "not a zip archive");

        var exception = Assert.Throws<InvalidDataException>(() => PyTorchStateDict.Load(generator, path, "generator"));

        Assert.Contains("is not a PyTorch state dictionary", exception.Message);
        Assert.Throws<FileNotFoundException>(() => PyTorchStateDict.Load(generator, directory.File("missing.pt"), "generator"));
    }

    [Fact]
    public void Load_PointsTorchSharpWeightsToExport()
    {
        using var generator = GanModelFactory.CreateGenerator(CommonModel, DataKind.Points2D, PointShape);
        var native = directory.File("generator.pt");
        generator.save(native);
        var empty = directory.File("empty.pt");
        File.WriteAllBytes(empty, []);

        var nativeError = Assert.Throws<InvalidDataException>(() => PyTorchStateDict.Load(generator, native, "generator"));
        var emptyError = Assert.Throws<InvalidDataException>(() => PyTorchStateDict.Load(generator, empty, "generator"));

        Assert.Contains("gansharp export", nativeError.Message);
        Assert.DoesNotContain("old PyTorch format", nativeError.Message);
        Assert.Contains("this file is empty", emptyError.Message);
    }

    [Fact]
    public void LoadedParameters_StayTrainable()
    {
        var data = BuiltInDistributions.Create("ring8");
        var training = RunConfiguration.CreateDefault("ring8").Training with { BatchSize = 32, Seed = 4 };
        var model = CommonModel with { Dropout = 0 };
        using var source = new GanTrainer(data, model, training with { Seed = 9 });
        var generatorPath = directory.File("generator.pt");
        var discriminatorPath = directory.File("discriminator.pt");
        PyTorchStateDict.Save(source.Generator, generatorPath);
        PyTorchStateDict.Save(source.Discriminator, discriminatorPath);

        using var trainer = new GanTrainer(data, model, training);
        PyTorchStateDict.Load(trainer.Generator, generatorPath, "generator");
        PyTorchStateDict.Load(trainer.Discriminator, discriminatorPath, "discriminator");
        var loaded = Snapshot(trainer.Generator).Concat(Snapshot(trainer.Discriminator)).ToList();
        Assert.Equal(Snapshot(source.Generator).Concat(Snapshot(source.Discriminator)), loaded);
        Assert.All(trainer.Generator.parameters().Concat(trainer.Discriminator.parameters()), parameter => Assert.True(parameter.requires_grad));

        trainer.TrainIteration();

        var trained = Snapshot(trainer.Generator).Concat(Snapshot(trainer.Discriminator)).ToList();
        for (var index = 0; index < loaded.Count; index++)
        {
            Assert.NotEqual(loaded[index], trained[index]);
        }
    }

    [Fact]
    public void Docs_ShowClassesOfRoundTripScript()
    {
        var docs = File.ReadAllText(Path.Combine(GanSharp.Tests.Data.IdxTestFiles.RepositoryRoot, "docs", "PYTORCH.md"));
        var script = File.ReadAllText(Path.Combine(GanSharp.Tests.Data.IdxTestFiles.RepositoryRoot, "docs", "pytorch_roundtrip.py"));
        var blocks = docs.Split("```python\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();

        Assert.Equal(7, blocks.Count);
        foreach (var block in blocks)
        {
            Assert.Contains(block, script);
        }

        var definitions = new[]
        {
            "class Maxout", "class MlpGenerator", "class MlpDiscriminator", "def dcgan_layout", "class DcganGenerator", "class DcganDiscriminator",
            "def build_models",
        };
        foreach (var name in definitions)
        {
            Assert.Contains(blocks, block => block.StartsWith(name, StringComparison.Ordinal));
        }
    }

    private static float[] Outputs(nn.Module<Tensor, Tensor> module, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        module.eval();
        return module.forward(input).data<float>().ToArray();
    }

    private static IEnumerable<float[]> Snapshot(nn.Module module) =>
        module.parameters().Select(parameter => parameter.data<float>().ToArray()).ToList();
}

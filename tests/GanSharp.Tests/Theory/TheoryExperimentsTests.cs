using System.Globalization;
using System.Text.Json;
using GanSharp.Tests.Reporting;
using GanSharp.Tests.Training;
using GanSharp.Theory;

namespace GanSharp.Tests.Theory;

/// <summary>One run of <see cref="TheoryExperiments"/> with the default seed, shared by the tests below.</summary>
public sealed class TheoryRunFixture : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public TheoryRunFixture()
    {
        Folder = directory.File("theory");
        Report = TheoryExperiments.Run(Folder);
        Json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, TheoryReport.JsonFileName)));
        Markdown = File.ReadAllText(Path.Combine(Folder, TheoryReport.MarkdownFileName));
    }

    public string Folder { get; }

    public TheoryReport Report { get; }

    /// <summary>theory.json as written, read back from the file, so the tests check what a reader gets.</summary>
    public JsonDocument Json { get; }

    public string Markdown { get; }

    public void Dispose()
    {
        Json.Dispose();
        directory.Dispose();
    }
}

/// <summary>
/// Checks theory.json and theory.md from a seeded run. The run is in the serial collection because its initial
/// weights come from torch's process-wide generator, which another test running at the same time could draw from.
/// </summary>
[Collection(SerialTorchRandom.Name)]
public sealed class TheoryExperimentsTests(TheoryRunFixture run) : IClassFixture<TheoryRunFixture>
{
    private static readonly Dictionary<string, string[]> RequiredFields = new()
    {
        ["maximizer"] = ["a", "b", "numeric", "closed_form"],
        ["optimal_discriminator"] = ["max_abs_error", "value_trained", "value_predicted", "jsd", "region_lower", "region_upper"],
        ["equilibrium"] = ["max_value", "minus_log_4"],
        ["training"] = ["jsd_start", "jsd_end", "jsd_floor", "value_end", "d_mean_end", "seed", "generator_steps", "discriminator_steps"],
    };

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private JsonElement Root => run.Json.RootElement;

    [Fact]
    public void Json_HasEveryField()
    {
        foreach (var (section, fields) in RequiredFields)
        {
            Assert.True(Root.TryGetProperty(section, out var element), $"theory.json has no section '{section}'");
            foreach (var field in fields)
            {
                Assert.True(element.TryGetProperty(field, out _), $"theory.json has no field '{section}.{field}'");
            }
        }

        Assert.True(Root.TryGetProperty("seconds", out _), "theory.json has no field 'seconds'");
        Assert.True(Root.TryGetProperty("all_targets_met", out _), "theory.json has no field 'all_targets_met'");
        Assert.True(Root.TryGetProperty("targets", out var targets), "theory.json has no section 'targets'");
        Assert.Equal(6, targets.GetArrayLength());
        foreach (var target in targets.EnumerateArray())
        {
            foreach (var field in new[] { "name", "quantity", "value", "limit", "met" })
            {
                Assert.True(target.TryGetProperty(field, out _), $"a target has no field '{field}': {target}");
            }
        }
    }

    [Fact]
    public void Json_ValuesMeetTargets()
    {
        var optimal = Root.GetProperty("optimal_discriminator");
        var equilibrium = Root.GetProperty("equilibrium");
        var training = Root.GetProperty("training");

        var maxAbsError = optimal.GetProperty("max_abs_error").GetDouble();
        Assert.True(maxAbsError <= 0.05, $"max_abs_error = {maxAbsError}");

        var valueGap = Math.Abs(optimal.GetProperty("value_trained").GetDouble() - optimal.GetProperty("value_predicted").GetDouble());
        Assert.True(valueGap <= 0.02, $"|value_trained - value_predicted| = {valueGap}");

        var equilibriumGap = Math.Abs(equilibrium.GetProperty("max_value").GetDouble() + 1.386294);
        Assert.True(equilibriumGap <= 0.02, $"|max_value + 1.386294| = {equilibriumGap}");

        var jsdEnd = training.GetProperty("jsd_end").GetDouble();
        Assert.True(jsdEnd <= 0.01, $"jsd_end = {jsdEnd}");

        var discriminatorGap = Math.Abs(training.GetProperty("d_mean_end").GetDouble() - 0.5);
        Assert.True(discriminatorGap <= 0.05, $"|d_mean_end - 0.5| = {discriminatorGap}");
    }

    [Fact]
    public void Json_TargetsAreAllMet()
    {
        foreach (var target in Root.GetProperty("targets").EnumerateArray())
        {
            Assert.True(target.GetProperty("met").GetBoolean(), $"target missed: {target}");
            Assert.True(target.GetProperty("value").GetDouble() <= target.GetProperty("limit").GetDouble(), $"value above limit: {target}");
        }

        Assert.True(Root.GetProperty("all_targets_met").GetBoolean());
        Assert.True(run.Report.AllTargetsMet);
    }

    [Fact]
    public void Maximizer_IsThreeSevenths()
    {
        var maximizer = Root.GetProperty("maximizer");

        Assert.Equal(0.45, maximizer.GetProperty("a").GetDouble());
        Assert.Equal(0.6, maximizer.GetProperty("b").GetDouble());
        Assert.Equal(0.428571, Math.Round(maximizer.GetProperty("numeric").GetDouble(), 6));
        Assert.Equal(0.428571, Math.Round(maximizer.GetProperty("closed_form").GetDouble(), 6));
    }

    [Fact]
    public void PredictedValue_FollowsIntegratedJsd()
    {
        var optimal = Root.GetProperty("optimal_discriminator");
        var equilibrium = Root.GetProperty("equilibrium");

        Assert.Equal(0.111421, Math.Round(optimal.GetProperty("jsd").GetDouble(), 6));
        Assert.Equal(-1.163451, Math.Round(optimal.GetProperty("value_predicted").GetDouble(), 6));
        Assert.Equal(-1.386294, Math.Round(equilibrium.GetProperty("minus_log_4").GetDouble(), 6));
    }

    [Fact]
    public void Training_CountsStepsAndStartsFar()
    {
        var training = Root.GetProperty("training");
        var discriminatorOnly = training.GetProperty("discriminator_only_steps").GetInt32();
        var generatorSteps = training.GetProperty("generator_steps").GetInt32();

        // With k = 1 there is one discriminator step per generator step after the discriminator-only steps.
        Assert.Equal(discriminatorOnly + generatorSteps, training.GetProperty("discriminator_steps").GetInt64());
        Assert.Equal(TheoryExperiments.DefaultSeed, training.GetProperty("seed").GetInt64());

        // A fresh generator puts its mass near 0, far from N(1, 1), so training has a gap to close.
        var jsdStart = training.GetProperty("jsd_start").GetDouble();
        Assert.True(jsdStart > 0.2, $"jsd_start = {jsdStart}");

        // The floor is what estimating the density contributes on its own, so it must stay far below the 0.01 target.
        var jsdFloor = training.GetProperty("jsd_floor").GetDouble();
        Assert.True(jsdFloor < 0.001, $"jsd_floor = {jsdFloor}");
    }

    [Fact]
    public void Markdown_StatesEachNumber()
    {
        var optimal = Root.GetProperty("optimal_discriminator");
        var equilibrium = Root.GetProperty("equilibrium");
        var training = Root.GetProperty("training");
        var expected = new Dictionary<string, string>
        {
            ["maximizer.numeric"] = Format(Root.GetProperty("maximizer").GetProperty("numeric"), "F6"),
            ["max_abs_error"] = Format(optimal.GetProperty("max_abs_error"), "F4"),
            ["value_trained"] = Format(optimal.GetProperty("value_trained"), "F6"),
            ["value_predicted"] = Format(optimal.GetProperty("value_predicted"), "F6"),
            ["max_value"] = Format(equilibrium.GetProperty("max_value"), "F6"),
            ["jsd_start"] = Format(training.GetProperty("jsd_start"), "F4"),
            ["jsd_end"] = Format(training.GetProperty("jsd_end"), "F5"),
            ["d_mean_end"] = Format(training.GetProperty("d_mean_end"), "F4"),
            ["value_end"] = Format(training.GetProperty("value_end"), "F4"),
        };

        foreach (var (field, number) in expected)
        {
            Assert.True(run.Markdown.Contains(number, StringComparison.Ordinal), $"theory.md does not state {field} = {number}");
        }

        Assert.Equal(6, CountOccurrences(run.Markdown, ": met)"));
        Assert.Contains($"]({TheoryExperiments.OptimalDiscriminatorFigure})", run.Markdown);
        Assert.Contains($"]({TheoryExperiments.ValueFigure})", run.Markdown);
    }

    [Fact]
    public void Figures_ArePngFiles()
    {
        var figures = Root.GetProperty("figures").EnumerateArray().Select(figure => figure.GetString()!).ToArray();

        Assert.Contains(TheoryExperiments.OptimalDiscriminatorFigure, figures);
        Assert.Contains(TheoryExperiments.ValueFigure, figures);
        foreach (var figure in figures)
        {
            var path = Path.Combine(run.Folder, figure);
            Assert.True(File.Exists(path), $"listed figure {figure} is missing");
            Assert.Equal(PngSignature, File.ReadAllBytes(path)[..4]);
        }
    }

    [Fact]
    public void Folder_HasNoTemporaryFiles()
    {
        var leftovers = Directory.EnumerateFiles(run.Folder, ".*", SearchOption.AllDirectories).ToArray();

        Assert.True(leftovers.Length == 0, $"hidden files left behind: {string.Join(", ", leftovers)}");
    }

    [Fact]
    public void Run_RejectsNonEmptyFolder()
    {
        var error = Assert.Throws<IOException>(() => TheoryExperiments.Run(run.Folder));

        Assert.Contains("not empty", error.Message);
    }

    private static string Format(JsonElement number, string format) =>
        number.GetDouble().ToString(format, CultureInfo.InvariantCulture);

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

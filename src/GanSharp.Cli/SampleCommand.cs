using System.CommandLine;
using System.Globalization;
using System.Text;
using GanSharp.Data;
using GanSharp.Reporting;
using GanSharp.Runtime;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary><c>gansharp sample</c>: draws new examples from a trained generator.</summary>
internal static class SampleCommand
{
    private static readonly Option<string> Run = new("--run") { Description = "Run folder written by gansharp train.", Required = true };
    private static readonly Option<int> Count = new("--count") { Description = "Number of examples to generate.", DefaultValueFactory = _ => 64 };
    private static readonly Option<string> Output = new("--out") { Description = "Output file: a .png grid for images, a .csv for points.", Required = true };
    private static readonly Option<long> Seed = new("--seed") { Description = "Seed of the noise.", DefaultValueFactory = _ => 0 };

    public static Command Create()
    {
        var command = new Command("sample", "Generate examples from a trained run: a PNG grid for images, a CSV for points.")
        {
            Run, Count, Output, Seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var runFolder = RunFolder.Open(parseResult.GetValue(Run)!);
        var output = Path.GetFullPath(parseResult.GetValue(Output)!);
        var count = parseResult.GetValue(Count);
        if (File.Exists(output) && output.StartsWith(runFolder.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid --out {output}: it would overwrite a file of the run folder. Name a new file.");
        }

        var isImage = runFolder.Shape.DataKind == DataKind.Image;
        var expectedExtension = isImage ? ".png" : ".csv";
        if (!string.Equals(Path.GetExtension(output), expectedExtension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Invalid --out {output}: this run generates {(isImage ? "images" : "points")}, so name a {expectedExtension} file.");
        }

        if (Directory.Exists(output))
        {
            throw new ArgumentException($"Invalid --out {output}: it is a folder. Name a {expectedExtension} file, such as {Path.Combine(output, "samples" + expectedExtension)}.");
        }

        using var samples = runFolder.Generate(count, parseResult.GetValue(Seed));
        if (isImage)
        {
            ImageGrid.Save(samples, Models.GanModelFactory.PixelRangeFor(runFolder.Configuration.Model.Design), output);
        }
        else
        {
            AtomicFile.WriteAllText(output, FormatCsv(samples.data<float>().ToArray(), (int)runFolder.Shape.SampleShape[0]));
        }

        Console.WriteLine($"Wrote {count} samples to {output}");
        return ExitCodes.Success;
    }

    private static string FormatCsv(float[] values, int dimension)
    {
        var text = new StringBuilder(dimension == 1 ? "x\n" : "x,y\n");
        for (var row = 0; row < values.Length / dimension; row++)
        {
            for (var column = 0; column < dimension; column++)
            {
                text.Append(column == 0 ? "" : ",").Append(values[row * dimension + column].ToString("G7", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}

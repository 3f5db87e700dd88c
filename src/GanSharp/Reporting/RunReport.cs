using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GanSharp.Runtime;
using GanSharp.Training;

namespace GanSharp.Reporting;

/// <summary>
/// Writes <c>report.html</c> for a run folder: one self-contained page with the configuration, the training curves,
/// V̂ against −ln 4, the sample pictures over time, the theory metrics and the contents of <c>evaluation.json</c> and
/// <c>theory.json</c> when the folder has them. Pictures are embedded as <c>data:</c> URIs and curves as inline SVG,
/// so the page makes no requests and runs no scripts.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    /// <summary>Optional file of evaluation metrics in a run folder, shown as a table whatever its fields.</summary>
    public const string EvaluationFileName = "evaluation.json";

    /// <summary>Optional file of theory results, as <c>gansharp theory</c> writes it.</summary>
    public const string TheoryFileName = "theory.json";

    private static readonly string[] TheoryColumns = ["jsd", "c_of_g", "d_star_error"];

    /// <summary>
    /// Writes the report of <paramref name="runDirectory"/> atomically and returns its full path.
    /// </summary>
    /// <param name="runDirectory">A run folder: it must contain the <c>config.json</c> that training writes.</param>
    /// <param name="outputPath">Where to write the page; by default <c>report.html</c> in the run folder.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder is not a run folder, or its config.json or metrics.csv is invalid.</exception>
    /// <exception cref="IOException">The page cannot be written to the output path.</exception>
    public static string Write(string runDirectory, string? outputPath = null)
    {
        var html = Build(runDirectory);
        var path = Path.GetFullPath(outputPath ?? Path.Combine(runDirectory, FileName));
        try
        {
            AtomicFile.WriteAllText(path, html);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            // The system's message names the temporary file, so the report's own path comes first.
            throw new IOException(
                $"Cannot write the report {path}: {exception.Message} Write it to a writable folder with --out FILE.", exception);
        }

        return path;
    }

    /// <summary>Returns the HTML of the report without writing it.</summary>
    public static string Build(string runDirectory)
    {
        var folder = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Run folder not found: {folder}. Pass the --out folder of a training run.");
        }

        var configPath = Path.Combine(folder, TrainingRun.ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new InvalidDataException(
                $"Not a run folder: {folder} has no {TrainingRun.ConfigFileName}. Pass the --out folder of gansharp train.");
        }

        var configText = File.ReadAllText(configPath);
        var configuration = RunConfiguration.FromJson(configText, configPath);
        var metricsPath = Path.Combine(folder, TrainingRun.MetricsFileName);
        var metrics = File.Exists(metricsPath) ? MetricsTable.Read(metricsPath) : null;

        var page = new StringBuilder();
        AppendHead(page, folder);
        AppendSummary(page, configuration, metrics);
        AppendCurves(page, metrics);
        AppendSamples(page, folder);
        AppendTheory(page, folder, metrics);
        AppendJsonFile(page, folder, EvaluationFileName, "Evaluation",
            "Metrics from evaluation.json, as written by the evaluation of this run.");
        AppendConfiguration(page, configText);
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendHead(StringBuilder page, string folder)
    {
        var name = Encode(Path.GetFileName(folder));
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>GanSharp run {{name}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
            main { max-width: 1100px; margin: 0 auto; padding: 1rem 2rem 3rem; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
            table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
            th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f0f0f0; }
            .charts { display: flex; flex-wrap: wrap; gap: .6rem; }
            .charts svg { background: #fff; border: 1px solid #ddd; margin: .4rem 0; max-width: 100%; height: auto; }
            svg text { font-size: 12px; fill: #333; } svg .chart-title { font-size: 14px; font-weight: 600; }
            .samples { display: flex; flex-wrap: wrap; gap: 1rem; }
            figure { margin: 0; background: #fff; border: 1px solid #ddd; padding: .4rem; }
            figure img { display: block; max-width: 320px; height: auto; }
            figure.wide img { max-width: 100%; }
            figcaption { font-size: .85rem; text-align: center; color: #555; }
            .note { color: #666; font-size: .9rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>GanSharp run <code>{{name}}</code></h1>
            <p class="note">Folder: <code>{{Encode(folder)}}</code></p>

            """);
    }

    private static void AppendSummary(StringBuilder page, RunConfiguration configuration, MetricsTable? metrics)
    {
        page.Append("<h2>Summary</h2>\n");
        var rows = new List<(string, string)>
        {
            ("data", configuration.Data.Name),
            ("objective", JsonSerializer.Serialize(configuration.Training.Objective, RunConfiguration.JsonOptions).Trim('"')),
            ("steps configured", Format(configuration.Training.Steps)),
        };

        if (metrics is null || metrics.RowCount == 0)
        {
            AppendTable(page, ["quantity", "value"], rows);
            page.Append("<p class=\"note\">metrics.csv is missing or empty: the run has not logged a row yet.</p>\n");
            return;
        }

        var last = metrics.RowCount - 1;
        rows.Add(("last logged step", Format(metrics["step"][last])));
        AddLast(rows, metrics, "seconds", "seconds of training");
        AddLast(rows, metrics, "loss_d", "loss of D");
        AddLast(rows, metrics, "loss_g", "loss of G");
        AddLast(rows, metrics, "d_real", "D(x)");
        AddLast(rows, metrics, "d_fake", "D(G(z))");
        AddLast(rows, metrics, "value", "V̂");
        AppendTable(page, ["quantity", "value"], rows);
        page.Append("<p class=\"note\">Values of the last row of metrics.csv. At the global optimum p_g = p_data, "
                    + "D = ½ everywhere, the loss of D is ln 4 ≈ 1.386 and V is −ln 4 ≈ −1.386.</p>\n");
    }

    private static void AddLast(List<(string, string)> rows, MetricsTable metrics, string column, string label)
    {
        if (metrics.Has(column))
        {
            rows.Add((label, Format(metrics[column][metrics.RowCount - 1])));
        }
    }

    private static void AppendCurves(StringBuilder page, MetricsTable? metrics)
    {
        if (metrics is null || metrics.RowCount == 0 || !metrics.Has("step"))
        {
            return;
        }

        page.Append("<h2>Training curves</h2>\n<div class=\"charts\">\n");
        var steps = metrics["step"];
        var losses = new SvgLineChart("Losses", "step").AddReference("ln 4", Math.Log(4));
        AddLine(losses, metrics, "loss_d", "loss of D");
        AddLine(losses, metrics, "loss_g", "loss of G");
        page.Append(losses.ToSvg()).Append('\n');

        var outputs = new SvgLineChart("Discriminator outputs", "step").AddReference("½", 0.5);
        AddLine(outputs, metrics, "d_real", "D(x)");
        AddLine(outputs, metrics, "d_fake", "D(G(z))");
        page.Append(outputs.ToSvg()).Append('\n');

        var value = new SvgLineChart("Value function", "step").AddReference("−ln 4", -Math.Log(4));
        AddLine(value, metrics, "value", "V̂ (minibatch)");
        if (metrics.Has("c_of_g"))
        {
            value.AddPoints("C(G) estimate", steps, metrics["c_of_g"]);
        }

        page.Append(value.ToSvg()).Append('\n');
        page.Append("</div>\n<p class=\"note\">V̂ is the minibatch estimate of V(D, G) at the last discriminator step. "
                    + "Its minimum over G of the maximum over D, C(G), is −ln 4, reached when p_g = p_data.</p>\n");
    }

    private static void AddLine(SvgLineChart chart, MetricsTable metrics, string column, string label)
    {
        if (metrics.Has(column))
        {
            chart.AddLine(label, metrics["step"], metrics[column]);
        }
    }

    private static void AppendSamples(StringBuilder page, string folder)
    {
        var samples = Path.Combine(folder, TrainingRun.SamplesFolderName);
        var pictures = Directory.Exists(samples)
            ? Directory.GetFiles(samples, "step-*.png").Order(StringComparer.Ordinal).ToArray()
            : [];
        page.Append("<h2>Samples over time</h2>\n");
        if (pictures.Length == 0)
        {
            page.Append("<p class=\"note\">No sample pictures under samples/.</p>\n");
            return;
        }

        page.Append("<p class=\"note\">Samples from the same fixed noise at each sample step.</p>\n<div class=\"samples\">\n");
        foreach (var picture in pictures)
        {
            var name = Path.GetFileNameWithoutExtension(picture);
            var caption = int.TryParse(name["step-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var step)
                ? $"step {step}"
                : name;
            AppendFigure(page, picture, caption, wide: false);
        }

        page.Append("</div>\n");
    }

    private static void AppendTheory(StringBuilder page, string folder, MetricsTable? metrics)
    {
        var phases = Path.Combine(folder, TrainingRun.PhasesFolderName, TrainingRun.PhasesRowFileName);
        var theoryPath = Path.Combine(folder, TheoryFileName);
        var columns = metrics is null ? [] : TheoryColumns.Where(metrics.Has).ToArray();
        if (columns.Length == 0 && !File.Exists(phases) && !File.Exists(theoryPath))
        {
            return;
        }

        page.Append("<h2>Theory</h2>\n");
        if (metrics is not null && columns.Length > 0)
        {
            page.Append("<p class=\"note\">jsd is JSD(p_data ‖ p_g) in nats from kernel density estimates, "
                        + "c_of_g = −ln 4 + 2 · jsd, and d_star_error is max |D − D*| over the central 99 % of p_data.</p>\n");
            var rows = new List<string[]>();
            for (var row = 0; row < metrics.RowCount; row++)
            {
                if (columns.Any(column => !double.IsNaN(metrics[column][row])))
                {
                    rows.Add([Format(metrics["step"][row]), .. columns.Select(column => Format(metrics[column][row]))]);
                }
            }

            AppendTable(page, ["step", .. columns], rows);
            if (metrics.Has("jsd"))
            {
                var divergence = new SvgLineChart("Jensen–Shannon divergence", "step").AddReference("0", 0);
                divergence.AddPoints("jsd (nats)", metrics["step"], metrics["jsd"]);
                page.Append("<div class=\"charts\">").Append(divergence.ToSvg()).Append("</div>\n");
            }
        }

        if (File.Exists(phases))
        {
            AppendFigure(page, phases, "The phases of training: p_data dotted, p_g solid, D dashed, and the map from z to G(z)", wide: true);
        }

        AppendJsonFile(page, folder, TheoryFileName, null, "Results of gansharp theory from theory.json.");
    }

    /// <summary>
    /// Shows a JSON file of the folder as a table of its fields, whatever they are. A file that is not valid JSON
    /// gets a note in the page instead of failing the report.
    /// </summary>
    private static void AppendJsonFile(StringBuilder page, string folder, string fileName, string? heading, string description)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            return;
        }

        if (heading is not null)
        {
            page.Append($"<h2>{Encode(heading)}</h2>\n");
        }

        page.Append($"<p class=\"note\">{Encode(description)}</p>\n");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            AppendTable(page, ["field", "value"], JsonRows.Flatten(document.RootElement));
        }
        catch (JsonException exception)
        {
            page.Append($"<p class=\"note\">{Encode(fileName)} could not be read: {Encode(JsonErrors.Describe(exception))}</p>\n");
        }
    }

    private static void AppendConfiguration(StringBuilder page, string configText)
    {
        page.Append("<h2>Configuration</h2>\n<p class=\"note\">config.json: <code>gansharp train --config config.json</code> repeats this run.</p>\n");
        using var document = JsonDocument.Parse(configText);
        AppendTable(page, ["field", "value"], JsonRows.Flatten(document.RootElement));
    }

    private static void AppendFigure(StringBuilder page, string path, string caption, bool wide)
    {
        var data = Convert.ToBase64String(File.ReadAllBytes(path));
        var style = wide ? " class=\"wide\"" : "";
        page.Append($"<figure{style}><img src=\"data:image/png;base64,{data}\" alt=\"{Encode(caption)}\">"
                    + $"<figcaption>{Encode(caption)}</figcaption></figure>\n");
    }

    private static void AppendTable(StringBuilder page, string[] header, IEnumerable<(string, string)> rows) =>
        AppendTable(page, header, rows.Select(row => new[] { row.Item1, row.Item2 }));

    private static void AppendTable(StringBuilder page, string[] header, IEnumerable<string[]> rows)
    {
        page.Append("<table>\n<tr>");
        foreach (var name in header)
        {
            page.Append($"<th>{Encode(name)}</th>");
        }

        page.Append("</tr>\n");
        foreach (var row in rows)
        {
            page.Append("<tr>");
            foreach (var cell in row)
            {
                var numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                page.Append(numeric ? "<td class=\"number\">" : "<td>").Append(Encode(cell)).Append("</td>");
            }

            page.Append("</tr>\n");
        }

        page.Append("</table>\n");
    }

    private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using GanSharp.Reporting;
using GanSharp.Training;

namespace GanSharp.Tests.Reporting;

public sealed class RunReportTests : IDisposable
{
    // A valid 1 × 1 grey PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Report_EmbedsSamplesAsDataUris()
    {
        var run = WritePointRun();

        var html = RunReport.Build(run);

        Assert.Equal(2, CountOf(html, "<img src=\"data:image/png;base64,"));
        Assert.Contains("step 0", html);
        Assert.Contains("step 500", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Report_DrawsCurvesAgainstMinusLn4()
    {
        var run = WritePointRun();

        var html = RunReport.Build(run);

        Assert.Equal(4, CountOf(html, "<svg "));
        Assert.Contains("−ln 4", html);
        Assert.Contains("C(G) estimate", html);
    }

    [Fact]
    public void Report_ListsTheoryRowsOnly()
    {
        var run = WritePointRun();

        var html = RunReport.Build(run);

        Assert.Contains("<th>jsd</th><th>c_of_g</th>", html);
        Assert.Contains("<td class=\"number\">0.0123</td>", html);
        Assert.Equal(1, CountOf(html, "<td class=\"number\">-1.3617</td>"));
    }

    [Fact]
    public void Evaluation_ShownWhateverItsFields()
    {
        var run = WritePointRun();
        File.WriteAllText(Path.Combine(run, "evaluation.json"),
            """{ "metrics": { "fid": 12.5, "per_class": [0.1, 0.2] }, "runs": [{ "seed": 1 }], "note": "<b>x</b>" }""");

        var html = RunReport.Build(run);

        Assert.Contains("<h2>Evaluation</h2>", html);
        Assert.Contains("<td>metrics.fid</td><td class=\"number\">12.5</td>", html);
        Assert.Contains("<td>metrics.per_class</td><td>[0.1, 0.2]</td>", html);
        Assert.Contains("<td>runs[0].seed</td>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }

    [Fact]
    public void InvalidEvaluation_NotedInPage()
    {
        var run = WritePointRun();
        File.WriteAllText(Path.Combine(run, "evaluation.json"), "{ \"fid\": ");

        var html = RunReport.Build(run);

        Assert.Contains("evaluation.json could not be read", html);
    }

    [Fact]
    public void Write_ReplacesReportAtomically()
    {
        var run = WritePointRun();
        File.WriteAllText(Path.Combine(run, RunReport.FileName), "old");

        var path = RunReport.Write(run);

        Assert.Equal(Path.Combine(run, RunReport.FileName), path);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
    }

    [Fact]
    public void UnwritableOutput_NamesReportPath()
    {
        var run = WritePointRun();
        var blocker = directory.File("a-file");
        File.WriteAllText(blocker, "");
        var output = Path.Combine(blocker, RunReport.FileName);

        var exception = Assert.Throws<IOException>(() => RunReport.Write(run, output));

        Assert.StartsWith($"Cannot write the report {output}: ", exception.Message);
        Assert.EndsWith("Write it to a writable folder with --out FILE.", exception.Message);
    }

    [Fact]
    public void MissingMetrics_StillWritesReport()
    {
        var run = WritePointRun();
        File.Delete(Path.Combine(run, TrainingRun.MetricsFileName));

        var html = RunReport.Build(run);

        Assert.Contains("metrics.csv is missing or empty", html);
        Assert.Equal(0, CountOf(html, "<svg "));
    }

    [Fact]
    public void MissingFolder_NamesIt()
    {
        var missing = directory.File("missing");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => RunReport.Build(missing));

        Assert.Contains(missing, exception.Message);
    }

    [Fact]
    public void FolderWithoutConfig_IsNotARun()
    {
        var exception = Assert.Throws<InvalidDataException>(() => RunReport.Write(directory.Path));

        Assert.Contains("Not a run folder", exception.Message);
        Assert.False(File.Exists(directory.File(RunReport.FileName)));
    }

    [Fact]
    public void BadMetricsCell_NamesLine()
    {
        var run = WritePointRun();
        File.AppendAllText(Path.Combine(run, TrainingRun.MetricsFileName), "510,x,1,1,1,1,1,,,\n");

        var exception = Assert.Throws<InvalidDataException>(() => RunReport.Build(run));

        Assert.Contains("line 4", exception.Message);
    }

    private string WritePointRun()
    {
        var run = directory.File("run");
        Directory.CreateDirectory(Path.Combine(run, "samples"));
        File.WriteAllText(Path.Combine(run, TrainingRun.ConfigFileName), RunConfiguration.CreateDefault("gaussian1d").ToJson());
        File.WriteAllText(Path.Combine(run, TrainingRun.MetricsFileName), """
            step,loss_d,loss_g,d_real,d_fake,value,seconds,jsd,c_of_g,d_star_error
            10,1.2,0.7,0.6,0.5,-1.2,0.1,,,
            500,1.38,0.69,0.5,0.5,-1.38,1.5,0.0123,-1.3617,0.05

            """);
        File.WriteAllBytes(Path.Combine(run, "samples", "step-000000.png"), TinyPng);
        File.WriteAllBytes(Path.Combine(run, "samples", "step-000500.png"), TinyPng);
        return run;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

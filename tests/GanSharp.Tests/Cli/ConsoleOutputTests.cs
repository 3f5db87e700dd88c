using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>
/// Output of <c>gansharp train</c> when standard output is not a terminal, as in CI logs: plain progress lines, no
/// redrawing, warnings only by default and information messages with <c>--verbose</c>.
/// </summary>
public sealed class ConsoleOutputTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void RedirectedOutput_IsPlainLines()
    {
        var output = directory.File("quiet");

        // Progress comes at log rows, so a row every 5 steps gives a line at each tenth of the run.
        var result = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "50", "--log-interval", "5", "--eval-interval", "0", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\r', result.StandardOutput);
        Assert.DoesNotContain('\u001b', result.StandardOutput);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        for (var index = 0; index < 10; index++)
        {
            Assert.StartsWith("[", lines[index]);
            Assert.Contains($"] {(index + 1) * 5}/50 ", lines[index]);
            Assert.Contains("loss_D", lines[index]);
            Assert.Contains("D(G(z))", lines[index]);
        }

        Assert.StartsWith("Trained 50 steps in ", lines[10]);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void RedirectedOutput_LinesAtLogRows()
    {
        var output = directory.File("rows");

        // Rows every 10 steps and tenths every 5: each row passes a new tenth, the first row passes two.
        var result = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "50", "--log-interval", "10", "--eval-interval", "0", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        for (var index = 0; index < 5; index++)
        {
            Assert.Contains($"] {(index + 1) * 10}/50 ", lines[index]);
        }

        Assert.StartsWith("Trained 50 steps in ", lines[5]);
    }

    [Fact]
    public void Verbose_LogsRunStartCheckpointsAndResume()
    {
        var output = directory.File("verbose");

        var first = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "20", "--eval-interval", "0", "--verbose", "--out", output);
        var resumed = CliProcess.Run("train", "--resume", output, "--steps", "30", "--verbose");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"gansharp: info: Training 20 steps on gaussian1d into {output}", first.StandardError);
        Assert.Contains($"gansharp: info: Wrote checkpoint {Path.Combine(output, "checkpoints", "step-000020")}", first.StandardError);
        Assert.Contains("gansharp: info: Finished at step 20", first.StandardError);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"gansharp: info: Resuming from checkpoint {Path.Combine(output, "checkpoints", "step-000020")} at step 20", resumed.StandardError);
        Assert.Contains("gansharp: info: Finished at step 30", resumed.StandardError);
        Assert.DoesNotContain('\u001b', first.StandardError);
    }
}

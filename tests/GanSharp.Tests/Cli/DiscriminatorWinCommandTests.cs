using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

public sealed class DiscriminatorWinCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Train_PrintsDiscriminatorWinWarning()
    {
        var result = CliProcess.Run(
            "train", "--data", "ring8", "--steps", "60", "--objective", "minimax", "--lr-g", "1e-6", "--lr-d", "1e-2",
            "--log-interval", "5", "--eval-interval", "0", "--out", directory.File("run"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var warnings = result.StandardError.Split('\n')
            .Where(line => line.StartsWith("gansharp: warning: The discriminator has won at step ", StringComparison.Ordinal))
            .ToList();
        Assert.Single(warnings);
        Assert.Contains("Trained 60 steps", result.StandardOutput);
    }
}

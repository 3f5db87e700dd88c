using System.Diagnostics;
using GanSharp.Tests.Reporting;
using GanSharp.Training;

namespace GanSharp.Tests.Cli;

public sealed class ResumeCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Sigint_WritesCheckpointAndResumes()
    {
        var folder = directory.File("run");
        using var process = StartTrain(
            "train", "--data", "gaussian1d", "--steps", "1000000", "--checkpoint-interval", "1000000",
            "--eval-interval", "0", "--phase-steps", "none", "--out", folder);
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        try
        {
            await InterruptAfterFirstStepsAsync(process, folder, standardError);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await standardOutput;
        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}\n{output}\n{await standardError}");
        Assert.Contains($"gansharp train --resume {folder}", output);
        var checkpoint = Assert.Single(Directory.GetDirectories(Path.Combine(folder, CheckpointStore.FolderName)));
        Assert.Null(CheckpointStore.Verify(checkpoint));
        Assert.False(File.Exists(Path.Combine(folder, RunLock.FileName)));

        var step = int.Parse(Path.GetFileName(checkpoint)["step-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var total = (step + 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var resumed = CliProcess.Run("train", "--resume", folder, "--steps", total);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"Trained {total} steps", resumed.StandardOutput);
    }

    /// <summary>Waits until <paramref name="process"/> has started training, sends it SIGINT and waits for it to exit.</summary>
    private static async Task InterruptAfterFirstStepsAsync(Process process, string folder, Task<string> standardError)
    {
        // The first sample picture is written just before the first step.
        var firstSamples = Path.Combine(folder, TrainingRun.SamplesFolderName, "step-000000.png");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(firstSamples) && !process.HasExited && waited.Elapsed < Timeout)
        {
            await Task.Delay(50);
        }

        if (process.HasExited)
        {
            Assert.Fail($"gansharp train ended early:\n{await standardError}");
        }

        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
    }

    [Fact]
    public void Resume_RejectsSecondWriter()
    {
        var folder = directory.File("run");
        var first = CliProcess.Run("train", "--data", "gaussian1d", "--steps", "20", "--out", folder);
        Assert.True(first.ExitCode == 0, first.ToString());

        // This test process holds the lock, as a live gansharp train would.
        using (RunLock.Acquire(folder))
        {
            var second = CliProcess.Run("train", "--resume", folder, "--steps", "40");

            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains("is in use", second.StandardError);
        }
    }

    [Fact]
    public void Resume_PrintsWarningForCorruptCheckpoint()
    {
        var folder = directory.File("run");
        var first = CliProcess.Run(
            "train", "--data", "gaussian1d", "--steps", "20", "--checkpoint-interval", "10", "--eval-interval", "0", "--out", folder);
        Assert.True(first.ExitCode == 0, first.ToString());

        // One flipped byte keeps the length, so only the SHA-256 can catch it.
        var corrupted = Path.Combine(folder, CheckpointStore.FolderName, "step-000020", CheckpointStore.StateFileName);
        var bytes = File.ReadAllBytes(corrupted);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(corrupted, bytes);

        var resumed = CliProcess.Run("train", "--resume", folder, "--steps", "30");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"gansharp: warning: Skipped checkpoint {Path.GetDirectoryName(corrupted)}", resumed.StandardError);
        Assert.Contains($"{corrupted} does not match its SHA-256 checksum", resumed.StandardError);
        Assert.Contains("Trained 30 steps", resumed.StandardOutput);
    }

    [Fact]
    public void Resume_RejectsOtherOptions()
    {
        var result = CliProcess.Run("train", "--resume", directory.File("run"), "--seed", "3", "--steps", "40");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --seed with --resume", result.StandardError);
    }

    [Fact]
    public void Resume_ReportsMissingFolder()
    {
        var result = CliProcess.Run("train", "--resume", directory.File("missing"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run folder not found", result.StandardError);
    }

    private static Process StartTrain(params string[] arguments) => CliProcess.Start(arguments);
}

using System.Text.Json;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Cli;

/// <summary>
/// <c>gansharp theory</c> as a child process: a full run into a new folder, and the rejection of folders it must
/// not write into.
/// </summary>
public sealed class TheoryCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Theory_WritesReportAndExitsZero()
    {
        var output = directory.File("theory");

        var result = CliProcess.Run("theory", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "theory.json")), "theory.json is missing");
        Assert.True(File.Exists(Path.Combine(output, "theory.md")), "theory.md is missing");
        Assert.True(File.Exists(Path.Combine(output, "optimal_discriminator.png")), "optimal_discriminator.png is missing");
        Assert.True(File.Exists(Path.Combine(output, "value.png")), "value.png is missing");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "theory.json")));
        Assert.True(json.RootElement.GetProperty("all_targets_met").GetBoolean());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var name in new[] { "maximizer", "max_abs_error", "value_trained", "max_value", "jsd_end", "d_mean_end" })
        {
            var row = lines.SingleOrDefault(line => line.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.True(row is not null, $"no table row for {name}:\n{result.StandardOutput}");
            Assert.EndsWith("yes", row);
        }
    }

    [Fact]
    public void Theory_NonEmptyOutIsRejected()
    {
        var output = directory.File("used");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep");

        var result = CliProcess.Run("theory", "--out", output);

        AssertOneLineError(result, "not empty");
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void Theory_OutUnderFileIsRejected()
    {
        // Tests may run as root, whom file permissions do not stop, but no user can create a folder inside a regular file.
        var file = directory.File("file.txt");
        File.WriteAllText(file, "content");
        var output = Path.Combine(file, "theory");

        var result = CliProcess.Run("theory", "--out", output);

        AssertOneLineError(result, output);
        Assert.Equal("content", File.ReadAllText(file));
    }

    [Fact]
    public void Theory_MissingOutIsRejected()
    {
        var result = CliProcess.Run("theory");

        AssertOneLineError(result, "--out");
    }

    [Fact]
    public void Help_ListsTheory()
    {
        var result = CliProcess.Run("theory", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--out", result.StandardOutput);
        Assert.Contains("--seed", result.StandardOutput);
        Assert.Contains("3 when one is missed", result.StandardOutput);
    }

    private static void AssertOneLineError(CliResult result, string expectedInMessage)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("   at ", result.StandardError);

        var message = result.StandardError.TrimEnd('\r', '\n');
        Assert.False(message.Contains('\n'), $"the error is more than one line:\n{message}");
        Assert.StartsWith("gansharp: ", message);
        Assert.Contains(expectedInMessage, message);
        Assert.DoesNotContain("Running", result.StandardOutput);
    }
}

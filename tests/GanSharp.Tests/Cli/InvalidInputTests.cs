using GanSharp.Tests.Data;

namespace GanSharp.Tests.Cli;

/// <summary>
/// Each bad input to <c>gansharp train</c> must exit with code 2 and one line on standard error that names the
/// value, print no stack trace, and create no run folder.
/// </summary>
public sealed class InvalidInputTests : IDisposable
{
    private readonly IdxTestFiles files = new();

    public void Dispose() => files.Dispose();

    private string RunFolder => Path.Combine(files.Directory, "run");

    [Fact]
    public void Help_ExitsZero()
    {
        var result = CliProcess.Run("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("train", result.StandardOutput);
        Assert.Contains("sample", result.StandardOutput);
    }

    [Fact]
    public void MissingDataFile_IsRejected()
    {
        var missing = Path.Combine(files.Directory, "missing-idx3-ubyte");

        AssertRejected(missing, "--data", "idx", "--data-path", missing);
    }

    [Fact]
    public void GzipWithoutGzExtension_IsRejected()
    {
        var gzip = files.Write("images-idx3-ubyte", IdxTestFiles.Gzip(IdxTestFiles.Encode([2, 4, 4], new byte[32])));

        var message = AssertRejected(gzip, "--data", "idx", "--data-path", gzip);

        Assert.Contains("magic", message);
    }

    [Fact]
    public void TruncatedIdxFile_IsRejected()
    {
        var complete = IdxTestFiles.Encode([10, 4, 4], new byte[160]);
        var truncated = files.Write("truncated-idx3-ubyte", complete[..^60]);

        var message = AssertRejected(truncated, "--data", "idx", "--data-path", truncated);

        Assert.Contains("truncated", message);
    }

    [Fact]
    public void HeaderCountMismatch_IsRejected()
    {
        // The header declares 2 images of 4 x 4 pixels, but the file contains data for 3.
        var mismatched = files.Write("mismatched-idx3-ubyte", IdxTestFiles.Encode([2, 4, 4], new byte[48]));

        var message = AssertRejected(mismatched, "--data", "idx", "--data-path", mismatched);

        Assert.Contains("header", message);
    }

    [Fact]
    public void UnknownDataName_IsRejected() =>
        AssertRejected("no-such-data", "--data", "no-such-data");

    [Theory]
    [InlineData("--k", "0")]
    [InlineData("--k", "-1")]
    [InlineData("--steps", "0")]
    [InlineData("--batch-size", "0")]
    [InlineData("--lr-g", "0")]
    public void NonPositiveNumber_IsRejected(string option, string value) =>
        AssertRejected($"{option} {value}", "--data", "gaussian1d", option, value);

    [Fact]
    public void EvaluationIntervalForImages_IsRejected() =>
        AssertRejected("--eval-interval 10", "--data", "mnist", "--eval-interval", "10");

    [Theory]
    [InlineData("0,100", "100")]
    [InlineData("0,ten", "ten")]
    public void InvalidPhaseSteps_AreRejected(string steps, string expectedInMessage) =>
        AssertRejected(expectedInMessage, "--data", "gaussian1d", "--steps", "50", "--phase-steps", steps);

    [Fact]
    public void UnknownObjective_IsRejected() =>
        AssertRejected("bogus", "--data", "gaussian1d", "--objective", "bogus");

    [Fact]
    public void OutputUnderRegularFile_IsRejected()
    {
        // Tests may run as root, whom file permissions do not stop, but no user can create a folder inside a regular file.
        var file = files.Write("file.txt", "content"u8.ToArray());
        var output = Path.Combine(file, "run");

        var result = RunTrain(output, "--data", "gaussian1d", "--steps", "1");

        AssertOneLineError(result, output);
        Assert.False(Directory.Exists(output));
        Assert.Equal("content", File.ReadAllText(file));
    }

    [Fact]
    public void OutputIsExistingFile_IsRejected()
    {
        var file = files.Write("existing.txt", "content"u8.ToArray());

        var result = RunTrain(file, "--data", "gaussian1d", "--steps", "1");

        AssertOneLineError(result, file);
        Assert.True(File.Exists(file), "the existing file was removed");
        Assert.Equal("content", File.ReadAllText(file));
    }

    [Fact]
    public void DcganOnPoints_IsRejected()
    {
        var message = AssertRejected("--model dcgan", "--model", "dcgan", "--data", "ring8");

        Assert.Contains("--data ring8", message);
    }

    [Fact]
    public void DcganOnUnsupportedImageSize_IsRejected()
    {
        var images = files.WriteIdx("small-idx3-ubyte", [3, 20, 20], new byte[3 * 20 * 20]);

        AssertRejected("20×20", "--model", "dcgan", "--data", "idx", "--data-path", images);
    }

    [Fact]
    public void DcganWidthWithMlp_IsRejected()
    {
        AssertRejected("--g-width", "--g-width", "16");
    }

    [Theory]
    [InlineData("x,y\n1,2\nNaN,3\n", "line 3, column 1 has the value NaN, but NaN and infinite values cannot be trained on")]
    [InlineData("1\n2\n-inf\n", "line 3, column 1 has the value -inf")]
    [InlineData("1,2\n3\n", "line 2 has 1 columns but line 1 has 2")]
    [InlineData("1,2\n3,x4\n", "line 2, column 2 has the non-numeric value 'x4'")]
    [InlineData("1,2,3\n", "only 1-D and 2-D points are supported")]
    [InlineData("x\n", "only a header line and no points")]
    public void BadPointFile_IsRejected(string content, string expected)
    {
        var points = files.Write("points.csv", System.Text.Encoding.UTF8.GetBytes(content));

        var message = AssertRejected(expected, "--data", "points", "--data-path", points, "--steps", "5");

        Assert.Contains($"Invalid point file {points}: ", message);
    }

    [Fact]
    public void MissingPointFile_IsRejected()
    {
        var missing = Path.Combine(files.Directory, "missing.csv");

        AssertRejected($"Point file not found: {missing}", "--data", "points", "--data-path", missing);
    }

    [Fact]
    public void PointsWithoutDataPath_IsRejected()
    {
        AssertRejected("Missing --data-path: --data points needs the path of a CSV file of points", "--data", "points");
    }

    [Theory]
    [InlineData("--eval-interval", "100", "Invalid --eval-interval 100 for --data points")]
    [InlineData("--phase-steps", "0,5", "Invalid --phase-steps for --data points")]
    public void TheoryOptionWithPointFile_IsRejected(string option, string value, string expected)
    {
        var points = files.Write("points.csv", "1\n2\n3\n"u8.ToArray());

        AssertRejected(expected, "--data", "points", "--data-path", points, "--steps", "5", option, value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReportOutputFolderOrEmpty_IsRejected(bool folder)
    {
        Directory.CreateDirectory(RunFolder);
        var output = folder ? files.Directory : "";

        var result = CliProcess.Run("report", "--run", RunFolder, "--out", output);

        AssertOneLineError(result, $"Invalid --out '{output}': name the HTML file to write");
    }

    /// <summary>Runs train into <see cref="RunFolder"/> and checks the error and that the folder was not created.</summary>
    /// <returns>The error message.</returns>
    private string AssertRejected(string expectedInMessage, params string[] trainArguments)
    {
        var result = RunTrain(RunFolder, trainArguments);

        var message = AssertOneLineError(result, expectedInMessage);
        Assert.False(Directory.Exists(RunFolder), $"the run folder was created: {RunFolder}");
        return message;
    }

    private static CliResult RunTrain(string output, params string[] arguments) =>
        CliProcess.Run(["train", .. arguments, "--out", output]);

    private static string AssertOneLineError(CliResult result, string expectedInMessage)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardOutput);

        var message = result.StandardError.TrimEnd('\r', '\n');
        Assert.False(message.Contains('\n'), $"the error is more than one line:\n{message}");
        Assert.StartsWith("gansharp: ", message);
        Assert.Contains(expectedInMessage, message);
        return message;
    }
}

using System.Diagnostics;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Samples;

/// <summary>
/// The minimal program of the README, kept in samples/MinimalGan: the test project references it, so it is
/// compiled with the tests, and these tests run it and check that the README shows the same code.
/// </summary>
public sealed class MinimalGanTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Readme_ShowsTheSampleProgram()
    {
        var root = FindRepositoryRoot();
        var program = File.ReadAllText(Path.Combine(root, "samples", "MinimalGan", "Program.cs")).ReplaceLineEndings("\n").Trim();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");

        var blocks = readme.Split("```csharp\n").Skip(1).Select(block => block.Split("```", 2)[0].Trim());

        Assert.Contains(program, blocks);
    }

    [Fact]
    public void Sample_TrainsAndWritesRunFolder()
    {
        var folder = directory.File("ring8");

        var (exitCode, output) = RunSample("40", folder);

        Assert.True(exitCode == 0, output);
        Assert.Contains("step 40: loss_D ", output);
        Assert.Contains($"Trained 40 steps in ", output);
        Assert.True(File.Exists(Path.Combine(folder, "metrics.csv")), output);
        Assert.True(File.Exists(Path.Combine(folder, "generator.pt")), output);
    }

    private static (int ExitCode, string Output) RunSample(params string[] arguments)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MinimalGan.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start {host}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("MinimalGan did not finish within two minutes.");
        }

        return (process.ExitCode, standardOutput.Result + standardError.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GanSharp.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No GanSharp.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}

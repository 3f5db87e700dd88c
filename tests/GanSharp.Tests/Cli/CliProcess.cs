using System.Diagnostics;

namespace GanSharp.Tests.Cli;

/// <summary>Exit code and captured output of one run of the gansharp command.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// Runs the compiled command line, GanSharp.Cli.dll, as a child process. The test project references the
/// command-line project, so the DLL and its runtime configuration sit next to the test assembly.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "GanSharp.Cli.dll");

    /// <summary>Runs gansharp with <paramref name="arguments"/> and waits for it, killing it after two minutes.</summary>
    public static CliResult Run(params string[] arguments)
    {
        using var process = Start(arguments);
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"gansharp {string.Join(' ', arguments)} timed out after {Timeout.TotalSeconds} s.");
        }

        return new CliResult(process.ExitCode, standardOutput.Result, standardError.Result);
    }

    /// <summary>Starts gansharp with <paramref name="arguments"/> and redirected output, without waiting for it.</summary>
    public static Process Start(params string[] arguments)
    {
        // dotnet test sets DOTNET_HOST_PATH to the host that runs the tests, so the command runs on the same runtime.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("GANSHARP_DEBUG");
        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start {host} {DllPath}.");
    }
}

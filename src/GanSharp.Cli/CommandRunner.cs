using GanSharp.Runtime;

namespace GanSharp.Cli;

/// <summary>
/// Runs a subcommand's body and turns expected failures into one line on standard error and an exit code,
/// without a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        if (!TorchNativeLoader.TryVerify(out var problem))
        {
            Console.Error.WriteLine($"gansharp: {problem}");
            return ExitCodes.Failure;
        }

        try
        {
            return body();
        }
        catch (Training.TrainingDivergedException exception)
        {
            Console.Error.WriteLine($"gansharp: {exception.Message}");
            return ExitCodes.Diverged;
        }
        catch (Exception exception) when (IsInvalidInput(exception))
        {
            Console.Error.WriteLine($"gansharp: {FirstLine(exception.Message)}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("GANSHARP_DEBUG") != "1")
        {
            Console.Error.WriteLine(
                $"gansharp: failed with {exception.GetType().Name}: {FirstLine(exception.Message)} Set GANSHARP_DEBUG=1 for the stack trace.");
            return ExitCodes.Failure;
        }
    }

    private static bool IsInvalidInput(Exception exception) => exception is ArgumentException
        or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
        or UnauthorizedAccessException or IOException;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

namespace GanSharp.Cli;

/// <summary>Process exit codes of the <c>gansharp</c> command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure inside GanSharp or libtorch.</summary>
    public const int Failure = 1;

    /// <summary>Invalid options or input files: the message names the value and the fix.</summary>
    public const int InvalidInput = 2;

    /// <summary>A number measured by <c>gansharp theory</c> missed its target. The output and theory.md name it.</summary>
    public const int TargetMissed = 3;

    /// <summary>A loss or a parameter became NaN or infinite during training, so the weights were not saved.</summary>
    public const int Diverged = 4;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}

namespace GanSharp.Bench;

/// <summary>Resident memory of this process, from /proc/self/status (Linux only).</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in MiB, or NaN where /proc is missing.</summary>
    public static double PeakResidentMiB() => Read("VmHWM:");

    /// <summary>Current resident set size (VmRSS) in MiB, or NaN where /proc is missing.</summary>
    public static double ResidentMiB() => Read("VmRSS:");

    private static double Read(string field)
    {
        const string StatusPath = "/proc/self/status";
        if (!File.Exists(StatusPath))
        {
            return double.NaN;
        }

        // The line reads "VmHWM:	  123456 kB".
        var line = File.ReadLines(StatusPath).FirstOrDefault(candidate => candidate.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line?[field.Length..].Trim().Split(' ')[0];
        return kilobytes is null ? double.NaN : double.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}

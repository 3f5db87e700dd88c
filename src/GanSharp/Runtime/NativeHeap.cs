using System.Runtime.InteropServices;

namespace GanSharp.Runtime;

/// <summary>Gives memory that libtorch has freed back to the operating system, on Linux with glibc.</summary>
/// <remarks>
/// glibc raises its mmap threshold each time a large block is freed, so later tensors of that size come from the heap
/// instead of their own mappings. Freed heap memory stays resident, and a DCGAN step, whose temporaries have many
/// sizes, then grows the resident size by tens of MiB over a few hundred steps. <c>malloc_trim</c> gives the free
/// pages back without changing how memory is allocated. Elsewhere, and with C libraries that lack it, this does nothing.
/// </remarks>
public static class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>Gives the free pages of the C heap back to the operating system; costs a walk over the free blocks.</summary>
    public static void Trim()
    {
        if (unavailable)
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl and other C libraries have no malloc_trim.
            unavailable = true;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GanSharp.Tests;

internal static class TestSetup
{
    /// <summary>
    /// Prepares libtorch before any test calls TorchSharp directly, because the library's own module
    /// initializer runs only when a GanSharp type is first used.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Native loading must precede the first TorchSharp call.")]
    internal static void Init()
    {
        GanSharp.Runtime.TorchNativeLoader.EnsureLoaded();

        // xunit runs test classes in parallel, so one intra-op thread each keeps libtorch from oversubscribing
        // the cores. With the default of one thread per core the suite stalls on small machines.
        TorchSharp.torch.set_num_threads(1);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GanSharp.Tests;

internal static class TestSetup
{
    /// <summary>Prepares libtorch before a test's first TorchSharp call, which may precede any GanSharp call.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Native loading must precede the first TorchSharp call.")]
    internal static void Init() => GanSharp.Runtime.TorchNativeLoader.EnsureLoaded();
}

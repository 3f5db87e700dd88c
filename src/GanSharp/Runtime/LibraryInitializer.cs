using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GanSharp.Runtime;

internal static class LibraryInitializer
{
    /// <summary>Prepares libtorch before any GanSharp type touches TorchSharp.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Native loading must precede the first TorchSharp call.")]
    internal static void Initialize() => TorchNativeLoader.EnsureLoaded();
}

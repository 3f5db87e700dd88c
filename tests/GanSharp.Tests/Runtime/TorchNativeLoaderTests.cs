using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Tests.Runtime;

public sealed class TorchNativeLoaderTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void LibTorchComputesAfterLoading()
    {
        TorchNativeLoader.EnsureLoaded();

        using var values = ones(3);
        using var sum = values.sum();

        Assert.Equal(3f, sum.item<float>());
        Assert.True(TorchNativeLoader.TryVerify(out var problem), problem);
    }

    [Fact]
    public void PatchIsUsedOnlyWhenHostLacksVersion()
    {
        var original = TorchNativeLoader.FindOriginalShim();
        Assert.NotNull(original);

        var needsPatch = TorchNativeLoader.InspectVersionRequirement(original, Version).Required
                         && !TorchNativeLoader.HostDefines(Version);

        if (needsPatch)
        {
            Assert.NotNull(TorchNativeLoader.PatchedShimPath);
        }
        else
        {
            Assert.Null(TorchNativeLoader.PatchedShimPath);
        }
    }

    [Fact]
    public void PatchedCopyDiffersOnlyInWeakFlag()
    {
        var patched = TorchNativeLoader.PatchedShimPath;
        if (patched is null)
        {
            // This host's libstdc++ defines the version, so no copy was made and there is nothing to compare.
            return;
        }

        var original = TorchNativeLoader.FindOriginalShim()!;
        var originalBytes = File.ReadAllBytes(original);
        var patchedBytes = File.ReadAllBytes(patched);
        var differences = Enumerable.Range(0, originalBytes.Length).Count(index => originalBytes[index] != patchedBytes[index]);

        Assert.Equal(originalBytes.Length, patchedBytes.Length);
        Assert.Equal(1, differences);
        Assert.Equal((true, false), TorchNativeLoader.InspectVersionRequirement(original, Version));
        Assert.Equal((true, true), TorchNativeLoader.InspectVersionRequirement(patched, Version));
    }

    [Fact]
    public void NuGetCacheShimIsNeverModified()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(cached))
        {
            return;
        }

        TorchNativeLoader.EnsureLoaded();

        Assert.Equal((true, false), TorchNativeLoader.InspectVersionRequirement(cached, Version));
    }
}

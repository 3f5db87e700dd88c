using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace GanSharp.Runtime;

/// <summary>
/// Loads TorchSharp's native shim <c>libLibTorchSharp.so</c> on Linux hosts whose libstdc++ is older than GCC 13.
/// </summary>
/// <remarks>
/// <para>
/// The shim shipped in TorchSharp 0.107.0 was built with GCC 13. It lists the symbol version
/// <c>GLIBCXX_3.4.32</c> in its version requirements, although the only symbol behind that version,
/// <c>std::ios_base_library_init()</c>, is a marker that GCC 13's <c>&lt;iostream&gt;</c> declares and never
/// calls: the shim has no relocation against it. Debian 12 ships libstdc++ from GCC 12, which stops at
/// <c>GLIBCXX_3.4.30</c>, so the dynamic loader rejects the shim with "version `GLIBCXX_3.4.32' not found".
/// </para>
/// <para>
/// On such a host this class copies the shim into a per-user cache folder, marks that one requirement
/// weak (the ELF flag <c>VER_FLG_WEAK</c>, which glibc's loader accepts when the version is absent), loads
/// the shim's libtorch dependencies from their original folder and then the patched copy. Later loads by
/// TorchSharp find the library by its soname and reuse it. The NuGet cache and the build output are never
/// modified. On hosts whose libstdc++ defines <c>GLIBCXX_3.4.32</c>, on other operating systems, and when
/// the shim does not carry the requirement, this class does nothing.
/// </para>
/// </remarks>
public static class TorchNativeLoader
{
    private const string ShimFileName = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeDynamic = 6;
    private const long DynamicTagNeeded = 1;
    private const ushort VersionFlagWeak = 0x2;

    private static readonly Lock InitializationLock = new();
    private static string? patchedShimPath;
    private static bool initialized;
    private static string? loadFailure;

    /// <summary>Folder that contains patched copies of the shim; <c>GANSHARP_NATIVE_CACHE</c> overrides it.</summary>
    public static string CacheDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("GANSHARP_NATIVE_CACHE");
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cacheHome))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                cacheHome = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
            }

            return Path.Combine(cacheHome, "gansharp", "native");
        }
    }

    /// <summary>Path of the patched shim loaded in this process, or null when the host needed no patch.</summary>
    public static string? PatchedShimPath
    {
        get
        {
            EnsureLoaded();
            return patchedShimPath;
        }
    }

    /// <summary>
    /// Prepares the native TorchSharp libraries so that the first use of <c>TorchSharp.torch</c> succeeds.
    /// Safe to call many times and from many threads.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (InitializationLock)
        {
            if (initialized)
            {
                return;
            }

            initialized = true;
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            try
            {
                LoadPatchedShimIfNeeded();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
                                                  or DllNotFoundException or InvalidDataException)
            {
                loadFailure = exception.Message;
            }
        }
    }

    /// <summary>
    /// Checks that libtorch can be used and, when it cannot, returns one line that names what is missing.
    /// </summary>
    public static bool TryVerify(out string problem)
    {
        EnsureLoaded();

        // TorchSharp prints a long loader trace to the console when loading fails; the one line below replaces it.
        var output = Console.Out;
        var error = Console.Error;
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            problem = "";
            return true;
        }
        catch (Exception exception) when (exception is NotSupportedException or DllNotFoundException
                                              or TypeInitializationException or EntryPointNotFoundException)
        {
            problem = DescribeLoadFailure();
            return false;
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }

    private static string DescribeLoadFailure()
    {
        if (loadFailure is not null)
        {
            return $"TorchSharp's native library could not be prepared: {loadFailure}";
        }

        var shim = FindShim();
        if (shim is null)
        {
            return $"TorchSharp's native library {ShimFileName} was not found next to the application; "
                   + "reference the TorchSharp-cpu package (or a TorchSharp CUDA package) and rebuild.";
        }

        try
        {
            NativeLibrary.Free(NativeLibrary.Load(shim));
            return $"libtorch failed to initialise although {shim} loads; check that the libtorch package "
                   + "matches TorchSharp 0.107.0 (libtorch 2.10).";
        }
        catch (DllNotFoundException exception)
        {
            var firstLine = exception.Message.Split('\n', 2)[0].Trim();
            return $"TorchSharp's native library failed to load: {firstLine}";
        }
    }

    private static void LoadPatchedShimIfNeeded()
    {
        var shim = FindShim();
        if (shim is null)
        {
            return;
        }

        var image = File.ReadAllBytes(shim);
        var elf = ElfImage.Parse(image, shim);
        if (!elf.RequiresVersion(MissingVersion) || HostLibStdCxxDefines(MissingVersion))
        {
            return;
        }

        var patchedPath = WritePatchedCopy(image, elf);
        var nativeDirectory = Path.GetDirectoryName(shim)!;
        foreach (var dependency in elf.NeededLibraries())
        {
            var candidate = Path.Combine(nativeDirectory, dependency);
            if (File.Exists(candidate))
            {
                NativeLibrary.Load(candidate);
            }
        }

        NativeLibrary.Load(patchedPath);
        patchedShimPath = patchedPath;
    }

    /// <summary>
    /// Reports whether the ELF file at <paramref name="path"/> requires <paramref name="version"/> and whether that
    /// requirement is marked weak. Used by tests to check the original and the patched shim.
    /// </summary>
    internal static (bool Required, bool Weak) InspectVersionRequirement(string path, string version)
    {
        var elf = ElfImage.Parse(File.ReadAllBytes(path), path);
        return (elf.RequiresVersion(version), elf.IsVersionWeak(version));
    }

    /// <summary>Reports whether the libstdc++ loaded in this process defines <paramref name="version"/>.</summary>
    internal static bool HostDefines(string version) => HostLibStdCxxDefines(version);

    internal static string? FindOriginalShim() => FindShim();

    private static string WritePatchedCopy(byte[] image, ElfImage elf)
    {
        var patched = (byte[])image.Clone();
        elf.MarkVersionWeak(patched, MissingVersion);

        var hash = Convert.ToHexString(SHA256.HashData(image))[..16].ToLowerInvariant();
        var directory = Path.Combine(CacheDirectory, hash);
        var target = Path.Combine(directory, ShimFileName);
        if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(patched))
        {
            return target;
        }

        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{ShimFileName}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, patched);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    private static string? FindShim()
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            directories.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        var baseDirectory = AppContext.BaseDirectory;
        directories.Add(baseDirectory);
        directories.Add(Path.Combine(baseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
        directories.Add(Path.Combine(baseDirectory, "runtimes", "linux-x64", "native"));

        return directories.Select(directory => Path.Combine(directory, ShimFileName)).FirstOrDefault(File.Exists);
    }

    private static bool HostLibStdCxxDefines(string version)
    {
        var library = FindLoadedLibStdCxx();
        if (library is null)
        {
            // Without a loaded libstdc++ to inspect, assume the host is recent and leave loading to TorchSharp.
            return true;
        }

        var needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }

    private static string? FindLoadedLibStdCxx()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal))
            {
                return line[slash..].Trim();
            }
        }

        return null;
    }

    /// <summary>The parts of a 64-bit little-endian ELF shared object that the patch reads.</summary>
    private sealed class ElfImage
    {
        private readonly byte[] image;
        private readonly List<(uint Type, long Offset, long Size, int Link, int Info)> sections;

        private ElfImage(byte[] image, List<(uint, long, long, int, int)> sections)
        {
            this.image = image;
            this.sections = sections;
        }

        public static ElfImage Parse(byte[] image, string path)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L'
                || image[3] != (byte)'F' || image[4] != 2 || image[5] != 1)
            {
                throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file.");
            }

            var span = image.AsSpan();
            var sectionTableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
            int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3a..]);
            int count = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3c..]);
            if (sectionTableOffset <= 0 || sectionTableOffset + (long)entrySize * count > image.Length)
            {
                throw new InvalidDataException($"{path} has a section table outside the file.");
            }

            var sections = new List<(uint, long, long, int, int)>(count);
            for (var index = 0; index < count; index++)
            {
                var header = span[(int)(sectionTableOffset + (long)index * entrySize)..];
                sections.Add((
                    BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2c..])));
            }

            return new ElfImage(image, sections);
        }

        public bool RequiresVersion(string version) => FindVersionNeedAuxiliary(version) >= 0;

        public bool IsVersionWeak(string version)
        {
            var auxiliary = FindVersionNeedAuxiliary(version);
            return auxiliary >= 0
                   && (BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(auxiliary + 4)) & VersionFlagWeak) != 0;
        }

        /// <summary>Sets <c>VER_FLG_WEAK</c> on the requirement entry for <paramref name="version"/>.</summary>
        public void MarkVersionWeak(byte[] target, string version)
        {
            var auxiliary = FindVersionNeedAuxiliary(version);
            if (auxiliary < 0)
            {
                throw new InvalidDataException($"The ELF file lists no requirement for {version}.");
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(target.AsSpan(auxiliary + 4));
            BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(auxiliary + 4), (ushort)(flags | VersionFlagWeak));
        }

        public IEnumerable<string> NeededLibraries()
        {
            var names = new List<string>();
            foreach (var section in sections.Where(section => section.Type == SectionTypeDynamic))
            {
                var strings = sections[section.Link];
                for (var entry = section.Offset; entry + 16 <= section.Offset + section.Size; entry += 16)
                {
                    var tag = BinaryPrimitives.ReadInt64LittleEndian(image.AsSpan((int)entry));
                    if (tag == 0)
                    {
                        break;
                    }

                    if (tag == DynamicTagNeeded)
                    {
                        var nameOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)entry + 8));
                        names.Add(ReadString(strings.Offset + nameOffset));
                    }
                }
            }

            return names;
        }

        /// <summary>Returns the file offset of the <c>Elf64_Vernaux</c> entry naming the version, or −1.</summary>
        private int FindVersionNeedAuxiliary(string version)
        {
            foreach (var section in sections.Where(section => section.Type == SectionTypeVersionNeeds))
            {
                var strings = sections[section.Link];
                var need = section.Offset;
                for (var needIndex = 0; needIndex < section.Info; needIndex++)
                {
                    var span = image.AsSpan((int)need);
                    int auxiliaryCount = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
                    var auxiliary = need + BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                    for (var auxiliaryIndex = 0; auxiliaryIndex < auxiliaryCount; auxiliaryIndex++)
                    {
                        var entry = image.AsSpan((int)auxiliary);
                        var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
                        if (ReadString(strings.Offset + nameOffset) == version)
                        {
                            return (int)auxiliary;
                        }

                        auxiliary += BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
                    }

                    need += BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
                }
            }

            return -1;
        }

        private string ReadString(long offset)
        {
            var span = image.AsSpan((int)offset);
            var end = span.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? span : span[..end]);
        }
    }
}

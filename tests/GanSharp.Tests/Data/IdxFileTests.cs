using System.Diagnostics;
using GanSharp.Data;

namespace GanSharp.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private static readonly int[] MnistClassCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    private readonly IdxTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Read_RawFile_ReturnsDimensionsAndData()
    {
        byte[] data = [1, 2, 3, 4, 5, 6, 250, 251, 252, 253, 254, 255];
        var path = files.WriteIdx("images-idx3-ubyte", [3, 2, 2], data);

        var idx = IdxFile.Read(path);

        Assert.Equal([3, 2, 2], idx.Dimensions);
        Assert.Equal(data, idx.Data);
        Assert.Equal(path, idx.Source);
    }

    [Fact]
    public void Read_GzipFile_Decompresses()
    {
        var data = Enumerable.Range(0, 2 * 5 * 7 * 3).Select(value => (byte)value).ToArray();
        var path = files.WriteIdx("images-idx4-ubyte.gz", [2, 5, 7, 3], data);

        var idx = IdxFile.Read(path);

        Assert.Equal([2, 5, 7, 3], idx.Dimensions);
        Assert.Equal(data, idx.Data);
    }

    [Fact]
    public void Read_LargeGzip_ReadsAll()
    {
        var data = Enumerable.Range(0, 300_001).Select(value => (byte)(value * 7)).ToArray();
        var path = files.WriteIdx("labels-idx1-ubyte.gz", [data.Length], data);

        var idx = IdxFile.Read(path);

        Assert.Equal([data.Length], idx.Dimensions);
        Assert.Equal(data, idx.Data);
    }

    [Fact]
    public void Read_GzipWithoutGzExtension_ReportsWrongMagic()
    {
        var path = Path.Combine(files.Directory, "mnist-images-idx3-ubyte");
        File.Copy(IdxTestFiles.MnistImagesPath, path);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("wrong magic number 0x1F8B0808", exception.Message);
        Assert.Contains("gzip", exception.Message);
        Assert.Contains(".gz", exception.Message);
        Assert.Contains(path, exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Read_OtherMagic_ReportsValue()
    {
        var path = files.Write("text.idx", "hello world"u8.ToArray());

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("wrong magic number 0x68656C6C", exception.Message);
        Assert.DoesNotContain("gzip", exception.Message);
    }

    [Fact]
    public void Read_RawFileNamedGz_ReportsMissingSignature()
    {
        var path = files.Write("raw-idx1-ubyte.gz", IdxTestFiles.Encode([2], [7, 8]));

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("gzip signature", exception.Message);
        Assert.Contains("remove the .gz extension", exception.Message);
    }

    [Fact]
    public void Read_CorruptGzip_NamesFile()
    {
        var compressed = IdxTestFiles.Gzip(IdxTestFiles.Encode([64], new byte[64]));
        for (var index = 10; index < compressed.Length - 8; index++)
        {
            compressed[index] = 0xFF;
        }

        var path = files.Write("corrupt-idx1-ubyte.gz", compressed);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Read_UnsupportedType_NamesTypeCode()
    {
        var path = files.Write("floats-idx1", IdxTestFiles.Encode([1], [0, 0, 0, 0], typeCode: 0x0D));

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("0x0D", exception.Message);
        Assert.Contains("float32", exception.Message);
        Assert.Contains("0x08", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Read_DimensionCountOutOfRange_Throws(int dimensionCount)
    {
        byte[] bytes = [0, 0, 0x08, (byte)dimensionCount, 0, 0, 0, 1];
        var path = files.Write($"dims{dimensionCount}-idx", bytes);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains($"dimension count {dimensionCount}", exception.Message);
        Assert.Contains("1..4", exception.Message);
    }

    [Fact]
    public void Read_Truncated_NamesByteCounts()
    {
        var path = files.WriteIdx("short-idx3-ubyte", [3, 2, 2], new byte[10]);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("truncated", exception.Message);
        Assert.Contains("declares 12 data bytes", exception.Message);
        Assert.Contains("contains 10", exception.Message);
    }

    [Fact]
    public void Read_TruncatedGzip_NamesByteCounts()
    {
        var path = files.Write("short-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Encode([3, 2, 2], new byte[10])));

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("declares 12 data bytes", exception.Message);
        Assert.Contains("contains 10", exception.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_Throws()
    {
        var bytes = IdxTestFiles.Encode([3, 2, 2], [])[..9];
        var path = files.Write("header-idx3-ubyte", bytes);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("declares 3 dimensions", exception.Message);
        Assert.Contains("only 5 follow", exception.Message);
    }

    [Fact]
    public void Read_TrailingData_ReportsCountMismatch()
    {
        var path = files.WriteIdx("long-idx3-ubyte", [3, 2, 2], new byte[13]);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("header count does not match the data", exception.Message);
        Assert.Contains("declares 12 data bytes", exception.Message);
        Assert.Contains("contains 13", exception.Message);
    }

    [Fact]
    public void Read_TrailingGzipData_ReportsCountMismatch()
    {
        var path = files.WriteIdx("long-idx3-ubyte.gz", [3, 2, 2], new byte[13]);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("header count does not match the data", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-28)]
    public void Read_NonPositiveDimension_Throws(int size)
    {
        var path = files.WriteIdx("bad-size-idx3-ubyte", [10, size, 28], []);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains($"dimension 1 has size {size}", exception.Message);
    }

    [Fact]
    public void Read_HugeRawHeader_FailsFast()
    {
        var path = files.WriteIdx("huge-idx3-ubyte", [int.MaxValue, int.MaxValue, 28], new byte[16]);
        var expected = (UInt128)int.MaxValue * int.MaxValue * 28;
        var stopwatch = Stopwatch.StartNew();

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains($"declares {expected} data bytes", exception.Message);
        Assert.Contains("contains 16", exception.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Read_HugeHeaderInGzip_RejectsBeforeAllocating()
    {
        var path = files.WriteIdx("huge-idx4-ubyte.gz", [int.MaxValue, int.MaxValue, int.MaxValue, 28], new byte[16]);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("one .NET array", exception.Message);
    }

    [Fact]
    public void Read_GzipGigabyteHeader_AllocatesLittle()
    {
        var path = files.WriteIdx("gigabyte-idx3-ubyte.gz", [1 << 20, 32, 32], new byte[1000]);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Contains("declares 1073741824 data bytes", exception.Message);
        Assert.Contains("contains 1000", exception.Message);
        Assert.True(allocated < 16 << 20, $"Allocated {allocated} bytes.");
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        var path = files.Write("empty-idx3-ubyte", []);

        var exception = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("empty", exception.Message);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void Read_Directory_ThrowsFileNotFound()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(files.Directory));

        Assert.Contains("is a directory", exception.Message);
        Assert.Equal(files.Directory, exception.FileName);
    }

    [Fact]
    public void Read_MissingFile_NamesPath()
    {
        var path = Path.Combine(files.Directory, "missing-idx3-ubyte.gz");

        var exception = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(path));

        Assert.Equal(path, exception.FileName);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void Read_MnistImages_Has10000Digits()
    {
        var images = IdxFile.Read(IdxTestFiles.MnistImagesPath);

        Assert.Equal([10_000, 28, 28], images.Dimensions);
        Assert.Equal(10_000 * 28 * 28, images.Data.Length);
        Assert.Equal(255, images.Data.Max());
        Assert.Equal(0, images.Data.Min());
    }

    [Fact]
    public void Read_MnistLabels_HaveKnownClassCounts()
    {
        var labels = IdxFile.Read(IdxTestFiles.MnistLabelsPath);

        Assert.Equal([10_000], labels.Dimensions);
        var counts = new int[10];
        foreach (var label in labels.Data)
        {
            Assert.InRange(label, 0, 9);
            counts[label]++;
        }

        Assert.Equal(MnistClassCounts, counts);
    }
}

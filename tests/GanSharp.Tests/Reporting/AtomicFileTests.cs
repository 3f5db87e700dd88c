using System.Text;
using GanSharp.Runtime;

namespace GanSharp.Tests.Reporting;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void WriteAllText_CreatesFile()
    {
        var path = directory.File("report.txt");

        AtomicFile.WriteAllText(path, "step,loss\n1,0.69\n");

        Assert.Equal("step,loss\n1,0.69\n", File.ReadAllText(path));
        Assert.Equal(["report.txt"], ListFileNames());
    }

    [Fact]
    public void WriteAllText_OmitsByteOrderMark()
    {
        var path = directory.File("label.txt");

        AtomicFile.WriteAllText(path, "−ln 4");

        Assert.Equal(Encoding.UTF8.GetBytes("−ln 4"), File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteAllBytes_ReplacesExistingFile()
    {
        var path = directory.File("grid.png");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6]);

        AtomicFile.WriteAllBytes(path, [9, 8]);

        Assert.Equal([9, 8], File.ReadAllBytes(path));
        Assert.Equal(["grid.png"], ListFileNames());
    }

    [Fact]
    public void Write_CreatesMissingFolder()
    {
        var path = Path.Combine(directory.Path, "run", "samples", "epoch-1.txt");

        AtomicFile.Write(path, stream => stream.Write("ok"u8));

        Assert.Equal("ok", File.ReadAllText(path));
    }

    [Fact]
    public void Write_FailingWriterKeepsOldContent()
    {
        var path = directory.File("metrics.csv");
        File.WriteAllText(path, "old content");

        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial new con"u8);
            throw new IOException("simulated disk failure");
        }));

        Assert.Equal("simulated disk failure", thrown.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["metrics.csv"], ListFileNames());
    }

    [Fact]
    public void Write_FailingWriterCreatesNoFile()
    {
        var path = directory.File("never.txt");

        Assert.Throws<FormatException>(() => AtomicFile.Write(path, _ => throw new FormatException("bad value")));

        Assert.False(File.Exists(path));
        Assert.Empty(ListFileNames());
    }

    [Fact]
    public void Write_ClosedStreamIsRejected()
    {
        var path = directory.File("closed.txt");
        File.WriteAllText(path, "old content");

        var thrown = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write("new content");
        }));

        Assert.Contains("leaveOpen", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["closed.txt"], ListFileNames());
    }

    [Fact]
    public void Write_StreamWriterLeftOpenWorks()
    {
        var path = directory.File("open.txt");

        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write("new content");
        });

        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal(["open.txt"], ListFileNames());
    }

    /// <summary>Lists every file in the test folder, hidden temporary files included.</summary>
    private string[] ListFileNames() =>
        Directory.GetFiles(directory.Path).Select(file => Path.GetFileName(file)!).Order(StringComparer.Ordinal).ToArray();
}

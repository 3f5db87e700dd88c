using System.Text;
using GanSharp.Data;
using GanSharp.Tests.Reporting;

namespace GanSharp.Tests.Data;

public sealed class PointCsvFileTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Read_OneColumnWithoutHeader()
    {
        var path = Write("x.csv", "1.5\n-2e-1\n3\n");

        var file = PointCsvFile.Read(path);

        Assert.Equal(1, file.Dimension);
        Assert.Equal(3, file.Count);
        Assert.Equal([1.5f, -0.2f, 3f], file.Values);
        Assert.Null(file.Header);
    }

    [Fact]
    public void Read_TwoColumnsWithHeaderAndComments()
    {
        var path = Write("xy.csv", "# a ring\nx, y\n\n1,0\n  0 , 1  \n# the last point\n-1,-0.5\n");

        var file = PointCsvFile.Read(path);

        Assert.Equal(2, file.Dimension);
        Assert.Equal(3, file.Count);
        Assert.Equal([1f, 0f, 0f, 1f, -1f, -0.5f], file.Values);
        Assert.NotNull(file.Header);
        Assert.Equal(["x", "y"], file.Header);
    }

    [Fact]
    public void Read_OneColumnWithHeader()
    {
        var file = PointCsvFile.Read(Write("h.csv", "value\r\n0.25\r\n0.75\r\n"));

        Assert.Equal(1, file.Dimension);
        Assert.Equal([0.25f, 0.75f], file.Values);
        Assert.NotNull(file.Header);
        Assert.Equal(["value"], file.Header);
    }

    [Fact]
    public void Read_SkipsByteOrderMark()
    {
        var path = directory.File("bom.csv");
        File.WriteAllText(path, "x,y\n1,2\n3,4\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var file = PointCsvFile.Read(path);

        Assert.NotNull(file.Header);
        Assert.Equal(["x", "y"], file.Header);
        Assert.Equal(2, file.Count);
    }

    [Fact]
    public void Read_ParsesIndependentOfCurrentCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var file = PointCsvFile.Read(Write("c.csv", "1.5\n2.5\n"));

            Assert.Equal([1.5f, 2.5f], file.Values);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Read_StoresSha256OfBytes()
    {
        var path = Write("s.csv", "1\n2\n");

        var file = PointCsvFile.Read(path);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(expected, file.Sha256);
    }

    [Theory]
    [InlineData("1\n2\nNaN\n", "line 3, column 1 has the value NaN")]
    [InlineData("x,y\n1,2\n3,nan\n", "line 3, column 2 has the value nan")]
    [InlineData("1,2\n3,Infinity\n", "line 2, column 2 has the value Infinity")]
    [InlineData("1\n-inf\n", "line 2, column 1 has the value -inf")]
    [InlineData("1\n-∞\n", "line 2, column 1 has the value -∞")]
    [InlineData("1\n1e39\n", "line 2, column 1 has the value 1e39, outside the float32 range")]
    [InlineData("1\n1e400\n", "line 2, column 1 has the value 1e400")]
    [InlineData("x,y\n1,2\n3\n", "line 3 has 1 columns but line 1 has 2")]
    [InlineData("1\n2,3\n", "line 2 has 2 columns but line 1 has 1")]
    [InlineData("1,2\n3,abc\n", "line 2, column 2 has the non-numeric value 'abc'")]
    [InlineData("x\n1\n2,5\n", "line 3 has 2 columns but line 1 has 1")]
    [InlineData("1;2\n3;4\n", "line 1, column 1 has the non-numeric value '1;2'")]
    [InlineData("1,\n2,3\n", "line 1, column 2 is empty")]
    [InlineData("1,2,3\n4,5,6\n", "line 1 has 3 columns, but only 1-D and 2-D points are supported")]
    [InlineData("x,y,z\n", "line 1 has 3 columns, but only 1-D and 2-D points are supported")]
    [InlineData("", "the file has no points")]
    [InlineData("# only a comment\n\n", "the file has no points")]
    [InlineData("x,y\n", "only a header line and no points")]
    [InlineData("x,y\n1,2\n", "the file has 1 point but training needs at least 2")]
    public void Read_BadContent_NamesLineAndValue(string content, string expected)
    {
        var path = Write("bad.csv", content);

        var exception = Assert.Throws<InvalidDataException>(() => PointCsvFile.Read(path));

        Assert.StartsWith($"Invalid point file {path}: ", exception.Message);
        Assert.Contains(expected, exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.EndsWith(".", exception.Message);
    }

    [Fact]
    public void Read_NonFinite_SaysWhatToDo()
    {
        var path = Write("nan.csv", "1\nnan\n");

        var exception = Assert.Throws<InvalidDataException>(() => PointCsvFile.Read(path));

        Assert.Contains("NaN and infinite values cannot be trained on", exception.Message);
        Assert.Contains("Remove or replace that point", exception.Message);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    public void Read_BeyondDoubleRange_SaysOutOfRange(string value)
    {
        var path = Write("overflow.csv", $"1\n{value}\n");

        var exception = Assert.Throws<InvalidDataException>(() => PointCsvFile.Read(path));

        Assert.Contains("outside the float32 range", exception.Message);
        Assert.DoesNotContain("NaN and infinite values", exception.Message);
    }

    [Fact]
    public void Read_BinaryContent_ShowsPrintableValue()
    {
        var path = directory.File("binary.csv");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0, 0, 2, 10, 1, 2]);

        var exception = Assert.Throws<InvalidDataException>(() => PointCsvFile.Read(path));

        Assert.Contains("line 1, column 1 has the non-numeric value '????????'", exception.Message);
        Assert.DoesNotContain('\0', exception.Message);
    }

    [Fact]
    public void Read_MissingFile_Throws()
    {
        var path = directory.File("missing.csv");

        var exception = Assert.Throws<FileNotFoundException>(() => PointCsvFile.Read(path));

        Assert.Equal($"Point file not found: {path}. Check the path.", exception.Message);
    }

    [Fact]
    public void Read_Directory_Throws()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => PointCsvFile.Read(directory.Path));

        Assert.Contains("is a directory, not a point file", exception.Message);
    }

    private string Write(string name, string content)
    {
        var path = directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}

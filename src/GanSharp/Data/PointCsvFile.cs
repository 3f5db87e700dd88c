using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GanSharp.Data;

/// <summary>
/// Contents of a CSV file of 1-D or 2-D points: one point per line, its coordinates separated by commas.
/// </summary>
/// <remarks>
/// Numbers are read with the invariant culture, so the decimal separator is a point and exponents such as
/// <c>1e-3</c> are allowed. Blank lines and lines starting with <c>#</c> are skipped. The first other line is a
/// header when every field is a name: text with a letter, not a number, and without control characters. Every value must be finite and within the float32 range, because the
/// points are trained on as float32.
/// </remarks>
public sealed class PointCsvFile
{
    /// <summary>Minimum number of points in a file.</summary>
    public const int MinPointCount = 2;

    /// <summary>Maximum number of coordinates of a point.</summary>
    public const int MaxDimension = 2;

    private const int MaxShownValueLength = 40;

    private PointCsvFile(string source, int dimension, float[] values, string[]? header)
    {
        Source = source;
        Dimension = dimension;
        Values = values;
        Header = header;
    }

    /// <summary>Path of the file the points were read from, used in error messages.</summary>
    public string Source { get; }

    /// <summary>Coordinates per point: 1 or 2.</summary>
    public int Dimension { get; }

    /// <summary>Number of points.</summary>
    public int Count => Values.Length / Dimension;

    /// <summary>Coordinates in row-major order, <see cref="Dimension"/> per point.</summary>
    public float[] Values { get; }

    /// <summary>Column names from the header line, or null when the file has none.</summary>
    public string[]? Header { get; }

    /// <summary>SHA-256 of the file's bytes, lowercase hexadecimal, or null when the points were parsed from text.</summary>
    public string? Sha256 { get; private init; }

    /// <summary>Reads and validates a point file.</summary>
    /// <exception cref="FileNotFoundException">No file exists at the path, or the path is a directory.</exception>
    /// <exception cref="InvalidDataException">
    /// The file has no points or fewer than <see cref="MinPointCount"/>, rows with different column counts, more than
    /// <see cref="MaxDimension"/> columns, an empty or non-numeric value, NaN, an infinity, or a value outside the
    /// float32 range. The message is one line that names the file, the line number, the value and the fix.
    /// </exception>
    public static PointCsvFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is a directory, not a point file. Pass the path of a CSV file of points.", path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Point file not found: {path}. Check the path.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        PointCsvFile parsed;
        using (var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            parsed = Parse(reader, path);
        }

        stream.Position = 0;
        return new PointCsvFile(path, parsed.Dimension, parsed.Values, parsed.Header)
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)),
        };
    }

    /// <summary>Parses point CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="Read"/>.</exception>
    public static PointCsvFile Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[]? header = null;
        var columns = 0;
        var columnsLine = 0;
        var values = new List<float>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var fields = trimmed.Split(',');
            if (columns == 0)
            {
                ValidateColumnCount(source, lineNumber, fields.Length);
                columns = fields.Length;
                columnsLine = lineNumber;
                if (fields.All(field => IsColumnName(field.Trim())))
                {
                    header = fields.Select(field => field.Trim()).ToArray();
                    continue;
                }
            }

            if (fields.Length != columns)
            {
                throw Malformed(source, $"line {lineNumber} has {fields.Length} columns but line {columnsLine} has {columns}",
                                "Give every row the same number of comma-separated values");
            }

            for (var column = 0; column < fields.Length; column++)
            {
                values.Add(ParseValue(source, lineNumber, column, fields[column].Trim()));
            }

            if (values.Count > Array.MaxLength - MaxDimension)
            {
                throw Malformed(source, $"it has more than {Array.MaxLength / MaxDimension} points", "Split it into smaller files");
            }
        }

        var count = columns == 0 ? 0 : values.Count / columns;
        if (count == 0)
        {
            var content = header is null ? "no points" : "only a header line and no points";
            throw Malformed(source, $"the file has {content}",
                            "Write one point per line, for example 0.5,-1.2 for a 2-D point");
        }

        if (count < MinPointCount)
        {
            throw Malformed(source, $"the file has {count} point but training needs at least {MinPointCount}",
                            "Add more points");
        }

        return new PointCsvFile(source, columns, values.ToArray(), header);
    }

    private static void ValidateColumnCount(string source, int lineNumber, int count)
    {
        if (count > MaxDimension)
        {
            throw Malformed(source, $"line {lineNumber} has {count} columns, but only 1-D and 2-D points are supported",
                            "Keep one or two columns of coordinates");
        }
    }

    /// <summary>Parses one coordinate, or throws naming the line, the column and the value.</summary>
    private static float ParseValue(string source, int lineNumber, int column, string field)
    {
        var where = $"line {lineNumber}, column {column + 1}";
        if (field.Length == 0)
        {
            throw Malformed(source, $"{where} is empty", "Give every point a value in each column, without trailing commas");
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (IsNonFiniteName(field))
            {
                throw NonFinite(source, where, field);
            }

            throw Malformed(source, $"{where} has the non-numeric value '{Shown(field)}'",
                            "Write numbers with a decimal point, such as 1.5 or -2e-3, and separate columns with commas");
        }

        // A number too large for a double, such as 1e400, parses as an infinity, but it is out of range, not infinite.
        if (double.IsNaN(value) || (double.IsInfinity(value) && IsNonFiniteName(field)))
        {
            throw NonFinite(source, where, field);
        }

        var single = (float)value;
        if (!float.IsFinite(single))
        {
            throw Malformed(source, $"{where} has the value {Shown(field)}, outside the float32 range of ±{float.MaxValue:G9}",
                            "Rescale the data");
        }

        return single;
    }

    private static InvalidDataException NonFinite(string source, string where, string field) =>
        Malformed(source, $"{where} has the value {Shown(field)}, but NaN and infinite values cannot be trained on",
                  "Remove or replace that point");

    /// <summary>
    /// Accepts a header field: text with a letter and without control characters that is neither a number nor a name of
    /// NaN or infinity.
    /// </summary>
    private static bool IsColumnName(string field) =>
        field.Any(char.IsLetter)
        && !field.Any(char.IsControl)
        && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        && !IsNonFiniteName(field);

    /// <summary>
    /// Recognises the spellings of NaN and infinity that .NET does not parse, such as <c>inf</c> from Python and NumPy and
    /// <c>-∞</c>.
    /// </summary>
    private static bool IsNonFiniteName(string field) =>
        field.TrimStart('+', '-').ToLowerInvariant() is "nan" or "inf" or "infinity" or "∞";

    /// <summary>Shortens a value and replaces control characters, so a binary file gives a readable one-line message.</summary>
    private static string Shown(string field)
    {
        var printable = new string(field.Select(character => char.IsControl(character) ? '?' : character).ToArray());
        return printable.Length <= MaxShownValueLength ? printable : printable[..MaxShownValueLength] + "…";
    }

    /// <summary>Creates the one-line error for a malformed file from the problem and the fix, each without a final period.</summary>
    private static InvalidDataException Malformed(string source, string problem, string fix) =>
        new($"Invalid point file {source}: {problem}. {fix}.");
}

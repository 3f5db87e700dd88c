using System.Globalization;

namespace GanSharp.Reporting;

/// <summary>
/// The columns of a <c>metrics.csv</c> file read back as numbers, whatever columns it has. Empty cells, such as the
/// theory cells of rows without a measurement, become NaN.
/// </summary>
public sealed class MetricsTable
{
    private readonly Dictionary<string, double[]> columns;

    private MetricsTable(IReadOnlyList<string> names, Dictionary<string, double[]> columns, int rowCount)
    {
        Names = names;
        this.columns = columns;
        RowCount = rowCount;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int RowCount { get; }

    public bool Has(string name) => columns.ContainsKey(name);

    /// <summary>The values of column <paramref name="name"/>, one per row.</summary>
    public IReadOnlyList<double> this[string name] => columns[name];

    /// <summary>Reads a CSV file with a header line and numeric cells.</summary>
    /// <exception cref="InvalidDataException">A row has the wrong number of cells or a cell is not a number.</exception>
    public static MetricsTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"Invalid {path}: the file is empty, but it should start with a header line.");
        }

        var names = lines[0].Split(',').Select(name => name.Trim()).ToArray();
        var values = names.Select(_ => new double[lines.Length - 1]).ToArray();
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split(',');
            if (cells.Length != names.Length)
            {
                throw new InvalidDataException(
                    $"Invalid {path}: line {row + 1} has {cells.Length} cells but the header has {names.Length}.");
            }

            for (var column = 0; column < names.Length; column++)
            {
                values[column][row - 1] = ParseCell(cells[column], path, row + 1);
            }
        }

        var byName = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var column = 0; column < names.Length; column++)
        {
            byName.TryAdd(names[column], values[column]);
        }

        return new MetricsTable(names, byName, lines.Length - 1);
    }

    private static double ParseCell(string cell, string path, int line)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return double.NaN;
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"Invalid {path}: line {line} has the cell '{cell}', which is not a number.");
        }

        return value;
    }
}

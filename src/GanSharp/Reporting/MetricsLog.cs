using System.Globalization;
using System.Text;
using GanSharp.Runtime;
using GanSharp.Theory;
using GanSharp.Training;

namespace GanSharp.Reporting;

/// <summary>
/// Rows of <c>metrics.csv</c>: <c>step,loss_d,loss_g,d_real,d_fake,value,seconds</c>, followed for point data by the
/// theory columns <c>jsd,c_of_g</c> and, for 1-D data, <c>d_star_error</c>. The whole file is rewritten atomically on
/// every flush, so a reader never sees a half-written row.
/// </summary>
/// <remarks>Theory cells are empty in rows without a measurement and hold NaN when a measurement failed.</remarks>
public sealed class MetricsLog
{
    /// <summary>The columns that every run writes, in this order.</summary>
    public const string Header = "step,loss_d,loss_g,d_real,d_fake,value,seconds";

    private readonly List<MetricsRow> rows = [];

    /// <param name="theoryColumns">Which theory columns follow the base columns.</param>
    public MetricsLog(TheoryColumns theoryColumns = TheoryColumns.None)
    {
        TheoryColumns = theoryColumns;
    }

    public TheoryColumns TheoryColumns { get; }

    /// <summary>The header line of the file: <see cref="Header"/> and the theory columns, if any.</summary>
    public string ColumnHeader => TheoryColumns switch
    {
        TheoryColumns.JensenShannon => Header + ",jsd,c_of_g",
        TheoryColumns.JensenShannonAndOptimalDiscriminator => Header + ",jsd,c_of_g,d_star_error",
        _ => Header,
    };

    public IReadOnlyList<MetricsRow> Rows => rows;

    /// <summary>Adds a row; <paramref name="theory"/> fills the theory cells of an evaluation step.</summary>
    public void Add(StepStatistics statistics, double seconds, TheoryMeasurement? theory = null) =>
        rows.Add(new MetricsRow(statistics, seconds, theory));

    public void Save(string path)
    {
        var text = new StringBuilder(ColumnHeader).Append('\n');
        foreach (var (statistics, seconds, theory) in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{statistics.Step},{statistics.LossD:G7},{statistics.LossG:G7},{statistics.DReal:G7},{statistics.DFake:G7},{statistics.Value:G7},{seconds:F3}");
            AppendTheoryCells(text, theory);
            text.Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    private void AppendTheoryCells(StringBuilder text, TheoryMeasurement? theory)
    {
        if (TheoryColumns == TheoryColumns.None)
        {
            return;
        }

        if (theory is not { } measurement)
        {
            text.Append(TheoryColumns == TheoryColumns.JensenShannon ? ",," : ",,,");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $",{measurement.JensenShannon:G7},{measurement.CriterionValue:G7}");
        if (TheoryColumns == TheoryColumns.JensenShannonAndOptimalDiscriminator)
        {
            text.Append(CultureInfo.InvariantCulture, $",{measurement.OptimalDiscriminatorError:G7}");
        }
    }
}

/// <summary>One row of <c>metrics.csv</c>.</summary>
/// <param name="Statistics">The step's training statistics.</param>
/// <param name="Seconds">Wall-clock seconds since training started.</param>
/// <param name="Theory">The theory metrics when the step was an evaluation step.</param>
public readonly record struct MetricsRow(StepStatistics Statistics, double Seconds, TheoryMeasurement? Theory);

/// <summary>The theory columns of <c>metrics.csv</c>, which depend on the kind of data.</summary>
public enum TheoryColumns
{
    /// <summary>None: images, or point runs without evaluations.</summary>
    None,

    /// <summary><c>jsd,c_of_g</c>, for 2-D data.</summary>
    JensenShannon,

    /// <summary><c>jsd,c_of_g,d_star_error</c>, for 1-D data.</summary>
    JensenShannonAndOptimalDiscriminator,
}

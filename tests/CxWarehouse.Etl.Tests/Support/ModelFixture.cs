using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Tests.Support;

/// <summary>
/// A real warehouse file built by the project's own models (sql/) from hand-written raw rows: every
/// <c>raw.&lt;kind&gt;__&lt;entity&gt;</c> view reads a <c>fixture.&lt;same name&gt;</c> table with the canonical
/// stream's columns, which a test fills with <see cref="Insert"/> before calling <see cref="Build"/>.
/// </summary>
/// <remarks>
/// Use it to compute a KPI by hand on a few rows and compare it with the mart. The configuration is a real
/// <c>cxwarehouse.yml</c> (no sources) so settings, targets and service calendars flow exactly as in a run.
/// </remarks>
public sealed class ModelFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public ModelFixture(string configYaml = "", string timeZone = "UTC", string? sqlFolder = null)
    {
        SqlFolder = sqlFolder ?? Sql;
        var configPath = _folder.Write("cxwarehouse.yml",
            $"project: fixture\nreporting:\n  time_zone: {timeZone}\n" + configYaml);
        Config = ConfigLoader.Load(configPath);
        Database = DuckDb.Open(Path.Combine(_folder.Path, "cx.duckdb"), Config.Warehouse,
            Path.Combine(_folder.Path, "tmp"), readOnly: false);
        CxWarehouse.Text.TextFunctions.Register(Database);
        WarehouseCatalog.Refresh(Database, new Lake(Path.Combine(_folder.Path, "lake")), Config, SqlFolder);
        DuckDb.Execute(Database, "CREATE SCHEMA fixture");
        foreach (var stream in StreamCatalog.All)
        {
            DuckDb.Execute(Database, $"CREATE TABLE fixture.{stream.RawView} AS SELECT * FROM raw.{stream.RawView} WHERE false");
            DuckDb.Execute(Database, $"CREATE OR REPLACE VIEW raw.{stream.RawView} AS SELECT * FROM fixture.{stream.RawView}");
        }
    }

    /// <summary>The repository's sql/ folder.</summary>
    public static string Sql { get; } = Path.Combine(RepoPaths.Root, "sql");

    /// <summary>The models this fixture builds: the repository's, or a copy a test changed.</summary>
    public string SqlFolder { get; }

    public CxConfig Config { get; }

    public DuckDBConnection Database { get; }

    /// <summary>
    /// Adds rows to a raw view: <paramref name="select"/> is a select (or <c>values</c>) whose column names are
    /// the stream's fields; fields it leaves out are NULL and <c>_source</c> defaults to 'fixture'.
    /// </summary>
    public ModelFixture Insert(string rawView, string select)
    {
        DuckDb.Execute(Database, $"INSERT INTO fixture.{rawView} BY NAME SELECT 'fixture' AS _source, * FROM ({select})");
        return this;
    }

    /// <summary>Builds every model (or those a selector such as <c>+kpi_values</c> picks) in one transaction.</summary>
    public IReadOnlyList<ModelResult> Build(string? select = null)
    {
        var graph = ModelGraph.Load(SqlFolder);
        return new ModelRunner(Database).Run(graph.Select(select));
    }

    public List<object?[]> Rows(string sql, params object?[] parameters) => DuckDb.Rows(Database, sql, parameters);

    public T? Scalar<T>(string sql, params object?[] parameters) => DuckDb.Scalar<T>(Database, sql, parameters);

    /// <summary>One KPI value from marts.kpi_values, or null when the mart has no row for it.</summary>
    public KpiRow? Kpi(string kpi, string periodGrain, string periodStart, string dimension = "all",
        string dimensionValue = "all")
    {
        var rows = Rows("""
            SELECT value, numerator, denominator, n, is_low_sample FROM marts.kpi_values
            WHERE kpi = $1 AND period_grain = $2 AND period_start = CAST($3 AS DATE) AND dimension = $4
                AND dimension_value = $5
            """, kpi, periodGrain, periodStart, dimension, dimensionValue);
        return rows.Count switch
        {
            0 => null,
            1 => new KpiRow(rows[0][0] as double?, rows[0][1] as double?, rows[0][2] as double?,
                Convert.ToInt64(rows[0][3], System.Globalization.CultureInfo.InvariantCulture), rows[0][4] is true),
            _ => throw new InvalidOperationException($"{rows.Count} rows for {kpi} {periodGrain} {periodStart} {dimension}={dimensionValue}"),
        };
    }

    public void Dispose()
    {
        Database.Dispose();
        _folder.Dispose();
    }
}

/// <summary>One row of marts.kpi_values.</summary>
public sealed record KpiRow(double? Value, double? Numerator, double? Denominator, long N, bool IsLowSample);

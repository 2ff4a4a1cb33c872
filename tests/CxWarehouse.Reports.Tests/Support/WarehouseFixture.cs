using DuckDB.NET.Data;

namespace CxWarehouse.Reports.Tests.Support;

/// <summary>Builds small DuckDB warehouse files with the report's input tables, as the contract states.</summary>
internal sealed class WarehouseFixture : IDisposable
{
    public const string RegistryDdl = """
        create table marts.kpi_registry(kpi varchar, label varchar, description varchar, unit varchar,
            direction varchar, formula varchar, source varchar, min_sample integer, target double,
            tolerance double, display_order integer)
        """;

    public const string ValuesDdl = """
        create table marts.kpi_values(period_grain varchar, period_start date, kpi varchar, dimension varchar,
            dimension_value varchar, value double, numerator double, denominator double, n bigint,
            is_low_sample boolean)
        """;

    public const string BenchmarkDdl = """
        create table marts.benchmark(period_grain varchar, period_start date, kpi varchar, dimension varchar,
            dimension_value varchar, value double, n bigint, is_low_sample boolean, target double,
            tolerance double, direction varchar, baseline double, baseline_source varchar,
            prior_period_start date, prior_value double, delta double, peer_rank integer, peer_count integer,
            peer_percentile double, status varchar)
        """;

    public const string JourneyFunnelDdl = """
        create table marts.journey_funnel(period_grain varchar, period_start date, segment varchar,
            channel varchar, stage varchar, stage_order integer, customers bigint, reached_next bigint,
            conversion_pct double, drop_off_pct double, median_days_to_next double)
        """;

    public const string JourneyPathsDdl = """
        create table marts.journey_paths(path_kind varchar, path varchar, steps integer, customers bigint,
            share_pct double, path_rank integer, last_stage varchar, median_days double)
        """;

    public const string CohortRetentionDdl = """
        create table marts.cohort_retention(cohort_month date, months_since integer, cohort_customers bigint,
            active_customers bigint, retention_pct double)
        """;

    public const string RunsDdl = """
        create table audit.runs(run_id varchar, started_at timestamptz, ended_at timestamptz, status varchar)
        """;

    public const string StreamRunsDdl = """
        create table audit.stream_runs(run_id varchar, source varchar, stream varchar, status varchar,
            rows_read bigint, rows_loaded bigint, rows_quarantined bigint, rows_deduplicated bigint,
            seconds double, latest_record_at timestamptz, message varchar, freshness varchar, age_hours double)
        """;

    public const string OrphansDdl = """
        create table audit.orphans(run_id varchar, relation varchar, child varchar, parent varchar,
            rows_checked bigint, orphans bigint, percent double, status varchar, message varchar)
        """;

    /// <summary><c>audit.stream_runs</c> as warehouses built before freshness was recorded have it.</summary>
    public const string LegacyStreamRunsDdl = """
        create table audit.stream_runs(run_id varchar, source varchar, stream varchar, status varchar,
            rows_read bigint, rows_loaded bigint, rows_quarantined bigint, rows_deduplicated bigint,
            seconds double, latest_record_at timestamptz, message varchar)
        """;

    public const string CustomersDdl = """
        create table marts.customers_at_risk(customer_key varchar, name varchar, email varchar, phone varchar,
            segment varchar, location varchar, lifetime_revenue double, last_order_at timestamptz,
            churn_risk double)
        """;

    public const string VoiceDdl = """
        create table marts.voice_of_customer(period_grain varchar, period_start date, location varchar,
            topic varchar, mentions bigint, share_negative double, quote varchar)
        """;

    private readonly DuckDBConnection _connection;

    public WarehouseFixture(string path)
    {
        Path = path;
        _connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
        _connection.Open();
        Execute("create schema if not exists marts");
        Execute("create schema if not exists audit");
    }

    public string Path { get; }

    public WarehouseFixture Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return this;
    }

    public WarehouseFixture Insert(string table, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            $"insert into {table} values ({string.Join(", ", values.Select((_, i) => "$" + (i + 1)))})";
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        command.ExecuteNonQuery();
        return this;
    }

    public void Dispose() => _connection.Dispose();
}

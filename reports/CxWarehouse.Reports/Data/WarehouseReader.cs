using System.Data.Common;
using DuckDB.NET.Data;

namespace CxWarehouse.Reports.Data;

/// <summary>Reads the report's inputs from a DuckDB warehouse file opened read-only.</summary>
/// <remarks>
/// Absent tables are expected (a business may have only some sources) and come back as null.
/// A table that exists but lacks a contract column is a build bug and fails with the table named; the one
/// exception is <c>audit.stream_runs.freshness</c> and <c>age_hours</c>, which older warehouses lack.
/// </remarks>
internal sealed partial class WarehouseReader : IDisposable
{
    /// <summary>The selects, in <c>reports/CxWarehouse.Reports/Sql/warehouse_reader.sql</c>.</summary>
    private const string Statements = "warehouse_reader.sql";

    /// <summary>Cap on the customers-at-risk sheet, highest risk first.</summary>
    public const int MaxCustomersAtRisk = 1000;
    public const int MaxKeyDrivers = 10;
    public const int MaxFollowUps = 500;

    /// <summary>Paths of each kind (buyer, non-buyer) read, most common first.</summary>
    public const int MaxJourneyPaths = 10;

    /// <summary>Cohorts read, the latest up to the report period's month.</summary>
    public const int MaxCohorts = 24;

    /// <summary>Months since the cohort month read (0 to this).</summary>
    public const int MaxMonthsSince = 12;

    private readonly DuckDBConnection _connection;
    private readonly HashSet<string> _tables;

    private WarehouseReader(DuckDBConnection connection, HashSet<string> tables)
    {
        _connection = connection;
        _tables = tables;
    }

    public static WarehouseReader Open(string warehousePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(warehousePath);
        var fullPath = Path.GetFullPath(warehousePath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Warehouse file not found: {fullPath}", fullPath);
        }

        // The builder quotes the path, so ';' or '=' in it cannot inject connection options.
        var builder = new DuckDBConnectionStringBuilder { DataSource = fullPath };
        builder["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var command = connection.CreateCommand();
            command.CommandText = ReportSql.Get(Statements, "tables");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0) + "." + reader.GetString(1));
            }

            return new WarehouseReader(connection, tables);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool HasTable(string qualifiedName) => _tables.Contains(qualifiedName);

    /// <summary>The column names of a table that exists, from an empty result (cheap: nothing is scanned).</summary>
    /// <remarks>
    /// Not <c>information_schema.columns</c>: listing it binds every view, and the raw views read the lake's
    /// Parquet metadata (about 0.8 s of a 3 s report on the sample warehouse).
    /// </remarks>
    public HashSet<string> Columns(string qualifiedTable)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = ReportSql.Get(Statements, "columns", ("table", qualifiedTable));
            using var reader = command.ExecuteReader();
            return new HashSet<string>(
                Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), StringComparer.OrdinalIgnoreCase);
        }
        catch (DuckDBException ex)
        {
            throw new InvalidOperationException($"Cannot read {qualifiedTable}: {ex.Message}", ex);
        }
    }

    /// <summary>Latest <c>period_start + 6</c> of weekly <c>kpi_values</c>, or null when there are none.</summary>
    public DateOnly? LatestWeeklyDataDate()
    {
        if (!HasTable("marts.kpi_values"))
        {
            return null;
        }

        var result = Scalar(
            "marts.kpi_values",
            ReportSql.Get(Statements, "latest_weekly_data_date"));
        return result is DateOnly date ? date : null;
    }

    /// <summary>The local date of the newest customer activity in <c>marts.data_coverage</c>, or null.</summary>
    public DateOnly? LatestActivityDate()
    {
        if (!HasTable("marts.data_coverage"))
        {
            return null;
        }

        var result = Scalar("marts.data_coverage", ReportSql.Get(Statements, "latest_activity_date"));
        return result is DateOnly date ? date : null;
    }

    public WarehouseSnapshot Read(ReportPeriod period, DateOnly firstTrendWeek, DateOnly lastTrendWeek)
    {
        var prior = period.Previous();
        var runsPresent = HasTable("audit.runs");
        var latestRun = runsPresent ? ReadLatestRun() : null;
        var reportMonth = ReportMonth(period);
        var funnelPresent = HasTable("marts.journey_funnel");
        var journeyMonth = funnelPresent ? LatestFunnelMonth(reportMonth) : null;
        return new WarehouseSnapshot
        {
            Registry = HasTable("marts.kpi_registry") ? ReadRegistry() : null,
            Values = HasTable("marts.kpi_values")
                ? ReadValues(period, prior.Start, firstTrendWeek, lastTrendWeek)
                : null,
            Benchmark = HasTable("marts.benchmark") ? ReadBenchmark(period) : null,
            Availability = HasTable("marts.kpi_availability") ? ReadAvailability(period) : null,
            HasRunsTable = runsPresent,
            LatestRun = latestRun,
            StreamRuns = HasTable("audit.stream_runs") && latestRun is not null
                ? ReadStreamRuns(latestRun.RunId)
                : null,
            Orphans = HasTable("audit.orphans") ? ReadOrphans() : null,
            CustomersAtRisk = HasTable("marts.customers_at_risk") ? ReadCustomersAtRisk() : null,
            Voice = HasTable("marts.voice_of_customer") ? ReadVoice(period) : null,
            KeyDrivers = HasTable("marts.key_drivers") ? ReadKeyDrivers(period) : null,
            FollowUps = HasTable("marts.follow_ups") ? ReadFollowUps() : null,
            FollowUpOwners = HasTable("marts.follow_ups") ? ReadFollowUpOwners() : null,
            EmergingTopics = HasTable("marts.emerging_topics") ? ReadEmergingTopics(period) : null,
            Competitors = HasTable("marts.competitor_benchmark") ? ReadCompetitors(period) : null,
            JourneyMonth = journeyMonth,
            JourneyFunnel = funnelPresent ? journeyMonth is { } month ? ReadFunnel(month) : [] : null,
            JourneyPaths = HasTable("marts.journey_paths") ? ReadPaths() : null,
            CohortRetention = HasTable("marts.cohort_retention") ? ReadCohorts(reportMonth) : null,
        };
    }

    /// <summary>The calendar month holding the period's last day (a week may straddle two months).</summary>
    public static DateOnly ReportMonth(ReportPeriod period)
    {
        var last = period.EndExclusive.AddDays(-1);
        return new DateOnly(last.Year, last.Month, 1);
    }

    public void Dispose() => _connection.Dispose();

    private List<KpiDefinition> ReadRegistry() => Query(
        "marts.kpi_registry",
        ReportSql.Get(Statements, "registry",
            ("unit_label", Optional(Columns("marts.kpi_registry"), "unit_label", "varchar"))),
        [],
        (r, row) => new KpiDefinition(
            Kpi: Str(r, 0),
            Label: Str(r, 1) is { Length: > 0 } label ? label : Str(r, 0),
            Description: Str(r, 2),
            Unit: Str(r, 3).ToLowerInvariant(),
            Direction: Str(r, 4).ToLowerInvariant(),
            Formula: Str(r, 5),
            Source: Str(r, 6),
            MinSample: r.IsDBNull(7) ? null : r.GetInt32(7),
            Target: Dbl(r, 8),
            Tolerance: Dbl(r, 9),
            DisplayOrder: r.IsDBNull(10) ? 1_000_000 + row : r.GetInt32(10))
        {
            UnitLabel = r.IsDBNull(11) ? null : r.GetString(11),
        });

    private List<KpiAvailabilityRecord> ReadAvailability(ReportPeriod period) => Query(
        "marts.kpi_availability",
        ReportSql.Get(Statements, "availability"),
        [period.Grain, period.Start],
        (r, _) => new KpiAvailabilityRecord(Str(r, 0), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>The no_status_reason column where the warehouse has it (built after it was added), else NULL.</summary>
    private string NoStatusColumn(string table) =>
        Columns(table).Contains("no_status_reason") ? "cast(no_status_reason as varchar)" : "cast(null as varchar)";

    private List<KpiValueRecord> ReadValues(
        ReportPeriod period, DateOnly priorStart, DateOnly firstTrendWeek, DateOnly lastTrendWeek) => Query(
        "marts.kpi_values",
        ReportSql.Get(Statements, "values", ("no_status_reason", NoStatusColumn("marts.kpi_values"))),
        [period.Grain, period.Start, priorStart, firstTrendWeek, lastTrendWeek],
        (r, _) => new KpiValueRecord(
            Str(r, 0), r.GetFieldValue<DateOnly>(1), Str(r, 2), Str(r, 3), Str(r, 4),
            Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Lng(r, 8), r.GetBoolean(9))
        {
            NoStatusReason = r.IsDBNull(10) ? null : r.GetString(10),
        });

    /// <summary>A row limit as SQL text.</summary>
    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A column where the warehouse has it (built after it was added), else NULL.</summary>
    private static string Optional(HashSet<string> columns, string column, string type) =>
        columns.Contains(column) ? $"cast({column} as {type})" : $"cast(null as {type})";

    private List<BenchmarkRecord> ReadBenchmark(ReportPeriod period)
    {
        // The significance columns came later: a warehouse built before them reads as "no interval, no verdict".
        var columns = Columns("marts.benchmark");
        return Query(
        "marts.benchmark",
        ReportSql.Get(Statements, "benchmark",
            [.. new[] { ("no_status_reason", "varchar"), ("margin", "double"), ("is_change_significant", "boolean"),
                ("peer_gap", "double"), ("is_peer_gap_significant", "boolean"), ("interval_method", "varchar") }
                .Select(c => (c.Item1, Optional(columns, c.Item1, c.Item2)))]),
        [period.Grain, period.Start, period.Previous().Start],
        (r, _) => new BenchmarkRecord(
            Str(r, 0), Str(r, 1), Str(r, 2), Dbl(r, 3), Dbl(r, 4), Dbl(r, 5), Dbl(r, 6), Dbl(r, 7),
            Dbl(r, 8), Str(r, 9).ToLowerInvariant(), Lng(r, 10), r.GetBoolean(11))
        {
            BaselineSource = Str(r, 12),
            PeerRank = Int(r, 13),
            PeerCount = Int(r, 14),
            PeriodStart = r.GetFieldValue<DateOnly>(15),
            Tolerance = Dbl(r, 16),
            NoStatusReason = r.IsDBNull(17) ? null : r.GetString(17),
            Margin = Dbl(r, 18),
            IsChangeSignificant = r.IsDBNull(19) ? null : r.GetBoolean(19),
            PeerGap = Dbl(r, 20),
            IsPeerGapSignificant = r.IsDBNull(21) ? null : r.GetBoolean(21),
            IntervalMethod = r.IsDBNull(22) ? null : r.GetString(22),
        });
    }

    private RunRecord? ReadLatestRun() => Query(
        "audit.runs",
        ReportSql.Get(Statements, "latest_run"),
        [],
        (r, _) => new RunRecord(Str(r, 0), Time(r, 1), Time(r, 2), Str(r, 3))).FirstOrDefault();

    private List<StreamRunRecord> ReadStreamRuns(string runId)
    {
        // Warehouses built before freshness was recorded lack the two columns: read them as unknown.
        const string table = "audit.stream_runs";
        var columns = Columns(table);
        var freshness = columns.Contains("freshness") ? "coalesce(cast(freshness as varchar), '')" : "null";
        var age = columns.Contains("age_hours") ? "cast(age_hours as double)" : "null";
        // Records the source marked deleted leave the stream like duplicates do: counted with them here.
        var deleted = columns.Contains("rows_deleted") ? " + coalesce(rows_deleted, 0)" : "";
        return Query(
            table,
            ReportSql.Get(Statements, "stream_runs", ("deleted", deleted), ("freshness", freshness), ("age", age)),
            [runId],
            (r, _) => new StreamRunRecord(
                Str(r, 0), Str(r, 1), Str(r, 2), Lng(r, 3), Lng(r, 4), Lng(r, 5), Lng(r, 6), Dbl(r, 7),
                Time(r, 8), Str(r, 9))
            {
                Freshness = r.IsDBNull(10) ? null : r.GetString(10).Trim().ToLowerInvariant(),
                AgeHours = Dbl(r, 11),
            });
    }

    /// <summary>The orphan counts of the latest run that counted them (a build).</summary>
    private List<OrphanRecord> ReadOrphans() => Query(
        "audit.orphans",
        ReportSql.Get(Statements, "orphans"),
        [],
        (r, _) => new OrphanRecord(Str(r, 0), Str(r, 1), Str(r, 2), Lng(r, 3), Lng(r, 4), Dbl(r, 5),
            StateSpelling.Orphan(Str(r, 6)), Str(r, 7)));

    private List<CustomerAtRiskRecord> ReadCustomersAtRisk() => Query(
        "marts.customers_at_risk",
        ReportSql.Get(Statements, "customers_at_risk", ("limit", Number(MaxCustomersAtRisk))),
        [],
        (r, _) => new CustomerAtRiskRecord(
            Str(r, 0), Str(r, 1), Str(r, 2), Str(r, 3), Str(r, 4), Str(r, 5), Dbl(r, 6), Time(r, 7), Dbl(r, 8)));

    private List<VoiceRecord> ReadVoice(ReportPeriod period) => Query(
        "marts.voice_of_customer",
        ReportSql.Get(Statements, "voice"),
        [period.Grain, period.Start, period.EndExclusive],
        (r, _) => new VoiceRecord(r.GetFieldValue<DateOnly>(0), Str(r, 1), Str(r, 2), Lng(r, 3), Dbl(r, 4), Str(r, 5)));

    /// <summary>The ranked drivers of the quarter holding the period's last day, across all units.</summary>
    private List<KeyDriverRecord> ReadKeyDrivers(ReportPeriod period) => Query(
        "marts.key_drivers",
        ReportSql.Get(Statements, "key_drivers", ("limit", Number(MaxKeyDrivers))),
        [period.EndExclusive.AddDays(-1)],
        (r, _) => new KeyDriverRecord(r.GetFieldValue<DateOnly>(0), Str(r, 1), Str(r, 2), Lng(r, 3), Lng(r, 4),
            Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Dbl(r, 8), Dbl(r, 9), Dbl(r, 10), Dbl(r, 11), r.GetBoolean(12),
            Lng(r, 13)));

    /// <summary>The follow-ups still waiting for an answer, overdue first, then by deadline.</summary>
    private List<FollowUpRecord> ReadFollowUps() => Query(
        "marts.follow_ups",
        ReportSql.Get(Statements, "follow_ups", ("limit", Number(MaxFollowUps))),
        [],
        (r, _) => new FollowUpRecord(Str(r, 0), Time(r, 1), Time(r, 2), StateSpelling.FollowUp(Str(r, 3)), Str(r, 4), Str(r, 5), Str(r, 6),
            Str(r, 7), Str(r, 8)));

    private List<FollowUpOwnerRecord> ReadFollowUpOwners() => Query(
        "marts.follow_ups",
        ReportSql.Get(Statements, "follow_up_owners"),
        [],
        (r, _) => new FollowUpOwnerRecord(Str(r, 0), Str(r, 1), Lng(r, 2), Lng(r, 3), Lng(r, 4), Lng(r, 5)));

    private DateOnly? LatestFunnelMonth(DateOnly reportMonth)
    {
        var result = Scalar(
            "marts.journey_funnel",
            ReportSql.Get(Statements, "latest_funnel_month"),
            reportMonth);
        return result is DateOnly date ? date : null;
    }

    private List<JourneyFunnelRecord> ReadFunnel(DateOnly month) => Query(
        "marts.journey_funnel",
        ReportSql.Get(Statements, "funnel"),
        [month],
        (r, _) => new JourneyFunnelRecord(
            r.GetFieldValue<DateOnly>(0), Str(r, 1), Str(r, 2), Str(r, 3), r.GetInt32(4), Lng(r, 5), Lng(r, 6),
            Dbl(r, 7), Dbl(r, 8), Dbl(r, 9)));

    private List<JourneyPathRecord> ReadPaths() => Query(
        "marts.journey_paths",
        ReportSql.Get(Statements, "paths", ("limit", Number(MaxJourneyPaths))),
        [],
        (r, _) => new JourneyPathRecord(
            Str(r, 0), Str(r, 1), Int(r, 2), Lng(r, 3), Dbl(r, 4), Int(r, 5), Str(r, 6), Dbl(r, 7)));

    private List<CohortRetentionRecord> ReadCohorts(DateOnly reportMonth) => Query(
        "marts.cohort_retention",
        ReportSql.Get(Statements, "cohorts",
            ("max_cohorts", Number(MaxCohorts)), ("max_months_since", Number(MaxMonthsSince))),
        [reportMonth],
        (r, _) => new CohortRetentionRecord(
            r.GetFieldValue<DateOnly>(0), r.GetInt32(1), Lng(r, 2), Lng(r, 3), Dbl(r, 4)));

    private object? Scalar(string table, string sql, params object[] parameters)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new DuckDBParameter(parameter));
            }

            var value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }
        catch (DuckDBException ex)
        {
            throw new InvalidOperationException($"Cannot read {table}: {ex.Message}", ex);
        }
    }

    private List<T> Query<T>(string table, string sql, object[] parameters, Func<DbDataReader, int, T> map)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new DuckDBParameter(parameter));
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader, rows.Count));
            }

            return rows;
        }
        catch (DuckDBException ex)
        {
            throw new InvalidOperationException($"Cannot read {table}: {ex.Message}", ex);
        }
    }

    private static string Str(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static double? Dbl(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = reader.GetDouble(ordinal);
        return double.IsFinite(value) ? value : null;
    }

    private static int? Int(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static long? Lng(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}

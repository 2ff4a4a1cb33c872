using System.Data.Common;
using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;

namespace CxWarehouse.Etl.Warehouse;

/// <summary>
/// The warehouse's view of the lake and of the configuration: <c>raw.&lt;kind&gt;__&lt;entity&gt;</c> views over the
/// committed Parquet files of every input (typed and empty when no source feeds a stream), <c>audit.quarantine</c>,
/// the seeds under <c>sql/seeds</c>, the <c>config</c> tables and the settings as the variables models read
/// (<see cref="SettingVariables"/>).
/// </summary>
public static class WarehouseCatalog
{
    public static void Refresh(DbConnection db, Lake lake, CxConfig config, string sqlFolder)
    {
        DuckDb.Execute(db, "BEGIN TRANSACTION");
        try
        {
            foreach (var schema in new[] { "raw", "audit", "config", "seeds" })
            {
                DuckDb.Execute(db, $"CREATE SCHEMA IF NOT EXISTS {schema}");
            }
            var manifests = lake.ReadManifests();
            var active = config.Sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var stream in StreamCatalog.All)
            {
                var parts = manifests
                    .Where(m => m.Stream == stream.Name && active.Contains(m.Input) && m.Files.Count > 0)
                    .Select(m => $"SELECT {SqlText.Literal(m.Input)} AS _source, {Columns(stream)} FROM read_parquet(["
                        + string.Join(", ", m.Files.Select(f => SqlText.Literal(lake.Absolute(f)))) + "])")
                    .ToList();
                var body = parts.Count > 0
                    ? string.Join("\nUNION ALL BY NAME\n", parts)
                    : $"SELECT CAST(NULL AS VARCHAR) AS _source, {EmptyColumns(stream)} WHERE false";
                DuckDb.Execute(db, $"CREATE OR REPLACE VIEW raw.{stream.RawView} AS\n{body}");
            }
            var quarantine = manifests.Where(m => active.Contains(m.Input)).SelectMany(m => m.QuarantineFiles)
                .Select(f => SqlText.Literal(lake.Absolute(f))).ToList();
            DuckDb.Execute(db, quarantine.Count > 0
                ? $"CREATE OR REPLACE VIEW audit.quarantine AS SELECT * FROM read_parquet([{string.Join(", ", quarantine)}])"
                : """
                  CREATE OR REPLACE VIEW audit.quarantine AS SELECT CAST(NULL AS VARCHAR) AS run_id,
                      CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS stream, CAST(NULL AS VARCHAR) AS file,
                      CAST(NULL AS BIGINT) AS line, CAST(NULL AS BIGINT) AS record, CAST(NULL AS VARCHAR) AS "column",
                      CAST(NULL AS VARCHAR) AS reason, CAST(NULL AS VARCHAR) AS raw WHERE false
                  """);
            var flagged = manifests.Where(m => active.Contains(m.Input)).SelectMany(m => m.FlaggedFiles)
                .Select(f => SqlText.Literal(lake.Absolute(f))).ToList();
            DuckDb.Execute(db, flagged.Count > 0
                ? $"CREATE OR REPLACE VIEW audit.flagged AS SELECT * FROM read_parquet([{string.Join(", ", flagged)}])"
                : "CREATE OR REPLACE VIEW audit.flagged AS SELECT * FROM audit.quarantine WHERE false");
            EnsureAuditTables(db);
            WriteConfig(db, config);
            LoadSeeds(db, Path.Combine(sqlFolder, "seeds"));
            WriteKpiRegistry(db, Transform.KpiRegistry.Load(sqlFolder));
            LoadMacros(db, Path.Combine(sqlFolder, "macros"));
            DuckDb.Execute(db, "COMMIT");
        }
        catch
        {
            DuckDb.Execute(db, "ROLLBACK");
            throw;
        }
    }

    /// <summary>The run history tables that every run appends to.</summary>
    public static void EnsureAuditTables(DbConnection db)
    {
        DuckDb.Execute(db, "CREATE SCHEMA IF NOT EXISTS audit");
        DuckDb.Execute(db, """
            CREATE TABLE IF NOT EXISTS audit.runs (run_id VARCHAR PRIMARY KEY, command VARCHAR,
                started_at TIMESTAMPTZ, ended_at TIMESTAMPTZ, status VARCHAR)
            """);
        DuckDb.Execute(db, """
            CREATE TABLE IF NOT EXISTS audit.stream_runs (run_id VARCHAR, source VARCHAR, stream VARCHAR,
                status VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT,
                rows_deduplicated BIGINT, seconds DOUBLE, latest_record_at TIMESTAMPTZ, message VARCHAR,
                freshness VARCHAR, age_hours DOUBLE)
            """);
        // Warehouses written before freshness was recorded: fresh | warn | error, NULL when no ages are configured.
        DuckDb.Execute(db, "ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS freshness VARCHAR");
        DuckDb.Execute(db, "ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS age_hours DOUBLE");
        // Records the source marked deleted (tombstones); 0 in warehouses written before they were counted.
        DuckDb.Execute(db, "ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS rows_deleted BIGINT DEFAULT 0");
    }

    private static string Columns(CanonicalStream stream) =>
        string.Join(", ", stream.Fields.Select(f => SqlText.Identifier(f.Name)));

    private static string EmptyColumns(CanonicalStream stream) =>
        string.Join(", ", stream.Fields.Select(f => $"CAST(NULL AS {f.SqlType}) AS {SqlText.Identifier(f.Name)}"));

    private static void WriteConfig(DbConnection db, CxConfig config)
    {
        DuckDb.Execute(db, "CREATE OR REPLACE TABLE config.settings (key VARCHAR PRIMARY KEY, value VARCHAR)");
        // The record an analyst reads; the models read the same settings as typed variables (SettingVariables).
        var settings = SettingVariables.Of(config);
        foreach (var (key, value) in settings)
        {
            DuckDb.Execute(db, "INSERT INTO config.settings VALUES ($1, $2)", key, value);
        }
        SettingVariables.Set(db, settings);
        DuckDb.Execute(db, "CREATE OR REPLACE TABLE config.targets (kpi VARCHAR PRIMARY KEY, target DOUBLE)");
        foreach (var (kpi, target) in config.Targets)
        {
            DuckDb.Execute(db, "INSERT INTO config.targets VALUES ($1, $2)", kpi, target);
        }
        // competitor: the competitor whose reviews the source holds; NULL for the business's own data.
        DuckDb.Execute(db,
            "CREATE OR REPLACE TABLE config.sources (name VARCHAR, kind VARCHAR, profile VARCHAR, competitor VARCHAR)");
        foreach (var source in config.Sources)
        {
            DuckDb.Execute(db, "INSERT INTO config.sources VALUES ($1, $2, $3, $4)", source.Name, source.Kind,
                source.Profile, source.Competitor);
        }
        WriteServiceConfig(db, config.Service);
        // The topic taxonomy cx_topics tags with: each topic, its parent (NULL at the top) and its order.
        DuckDb.Execute(db,
            "CREATE OR REPLACE TABLE config.topics (topic VARCHAR PRIMARY KEY, parent VARCHAR, position INTEGER)");
        var tagger = config.Topics.Tagger;
        for (var i = 0; i < tagger.Topics.Count; i++)
        {
            DuckDb.Execute(db, "INSERT INTO config.topics VALUES ($1, $2, $3)", tagger.Topics[i],
                tagger.Parents[tagger.Topics[i]], i + 1);
        }
        DuckDb.Execute(db, "CREATE OR REPLACE TABLE config.loyalty_tiers (tier VARCHAR PRIMARY KEY, min_spend DOUBLE)");
        foreach (var tier in config.Loyalty.Tiers)
        {
            DuckDb.Execute(db, "INSERT INTO config.loyalty_tiers VALUES ($1, $2)", tier.Name, tier.MinSpend);
        }
    }

    /// <summary>
    /// The service calendar and SLA targets: <c>config.business_hours</c> (location_id NULL = every location's
    /// default week; a location's rows replace the default on their weekdays, NULL times closing it; closes 00:00 is
    /// the midnight that ends the day, since a TIME of 24:00 does not round-trip through every client),
    /// <c>config.holidays</c> (location_id NULL = all) and <c>config.sla_targets</c>.
    /// </summary>
    private static void WriteServiceConfig(DbConnection db, ServiceSettings service)
    {
        DuckDb.Execute(db, """
            CREATE OR REPLACE TABLE config.business_hours (location_id VARCHAR, iso_weekday INTEGER, opens TIME,
                closes TIME)
            """);
        foreach (var hours in service.BusinessHours)
        {
            DuckDb.Execute(db, "INSERT INTO config.business_hours VALUES ($1, $2, CAST($3 AS TIME), CAST($4 AS TIME))",
                hours.LocationId, hours.IsoWeekday, Clock(hours.Opens), Clock(hours.Closes));
        }
        DuckDb.Execute(db,
            "CREATE OR REPLACE TABLE config.holidays (holiday_date DATE, name VARCHAR, location_id VARCHAR)");
        foreach (var holiday in service.Holidays)
        {
            DuckDb.Execute(db, "INSERT INTO config.holidays VALUES (CAST($1 AS DATE), $2, $3)",
                holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), holiday.Name, holiday.LocationId);
        }
        DuckDb.Execute(db, """
            CREATE OR REPLACE TABLE config.sla_targets (channel VARCHAR PRIMARY KEY, first_response_minutes DOUBLE,
                clock VARCHAR)
            """);
        foreach (var target in service.SlaTargets)
        {
            DuckDb.Execute(db, "INSERT INTO config.sla_targets VALUES ($1, $2, $3)", target.Channel,
                target.FirstResponseMinutes, target.Clock);
        }

        static string? Clock(TimeSpan? time) =>
            time is { } t ? $"{t.Hours:00}:{t.Minutes:00}:00" : null; // 24:00 has Hours = 0: midnight ending the day
    }

    /// <summary>The SQL macros under sql/macros (each file one CREATE OR REPLACE MACRO), shared by the models.</summary>
    private static void LoadMacros(DbConnection db, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            try
            {
                DuckDb.Execute(db, File.ReadAllText(file).Trim().TrimEnd(';'));
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                throw new Transform.ModelException($"sql/macros/{Path.GetFileName(file)}: {ex.Message.Split('\n')[0]}");
            }
        }
    }

    /// <summary>The KPI declarations of sql/kpis.yml as <c>seeds.kpi_registry</c>, which marts.kpi_registry reads.</summary>
    private static void WriteKpiRegistry(DbConnection db, IReadOnlyList<Transform.KpiDefinition> kpis)
    {
        DuckDb.Execute(db, """
            CREATE OR REPLACE TABLE seeds.kpi_registry (kpi VARCHAR PRIMARY KEY, label VARCHAR, description VARCHAR,
                unit VARCHAR, direction VARCHAR, formula VARCHAR, source VARCHAR, min_sample INTEGER, target DOUBLE,
                tolerance DOUBLE, display_order INTEGER, relation VARCHAR, numerator_sql VARCHAR,
                denominator_sql VARCHAR, value_sql VARCHAR, dimensions VARCHAR[], grains VARCHAR[], unit_label VARCHAR,
                interval_method VARCHAR)
            """);
        foreach (var k in kpis)
        {
            DuckDb.Execute(db, "INSERT INTO seeds.kpi_registry VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                + "string_split($16, ','), string_split($17, ','), $18, $19)",
                k.Name, k.Label, k.Description, k.Unit, k.Direction, k.Formula, string.Join(", ", k.Sources), k.MinSample,
                k.Target, k.Tolerance, k.DisplayOrder, k.From, k.Numerator, k.Denominator, k.Value,
                string.Join(",", k.Dimensions.Select(d => d.Name).Prepend("all")), string.Join(",", k.Grains), k.UnitLabel,
                k.Interval);
        }
    }

    private static void LoadSeeds(DbConnection db, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            DuckDb.Execute(db, $"CREATE OR REPLACE TABLE seeds.{SqlText.Identifier(name)} AS "
                + "SELECT * FROM read_csv($1, header = true, auto_detect = true, sample_size = -1)", file);
        }
    }
}

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
            DuckDb.Execute(db, SqlResources.Get("catalog/schemas.sql"));
            var manifests = lake.ReadManifests();
            var active = config.Sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var stream in StreamCatalog.All)
            {
                var parts = manifests
                    .Where(m => m.Stream == stream.Name && active.Contains(m.Input) && m.Files.Count > 0)
                    .Select(m => SqlResources.Get("catalog/raw_views.sql", "input", ("source", SqlText.Literal(m.Input)),
                        ("columns", Columns(stream)), ("files", Files(lake, m.Files))))
                    .ToList();
                var body = parts.Count > 0
                    ? string.Join("\nUNION ALL BY NAME\n", parts)
                    : SqlResources.Get("catalog/raw_views.sql", "empty", ("columns", EmptyColumns(stream)));
                DuckDb.Execute(db, SqlResources.Get("catalog/raw_views.sql", "view", ("view", stream.RawView), ("body", body)));
            }
            var quarantine = manifests.Where(m => active.Contains(m.Input)).SelectMany(m => m.QuarantineFiles).ToList();
            DuckDb.Execute(db, quarantine.Count > 0
                ? SqlResources.Get("audit/quarantine.sql", "quarantine", ("files", Files(lake, quarantine)))
                : SqlResources.Get("audit/quarantine.sql", "quarantine_empty"));
            var flagged = manifests.Where(m => active.Contains(m.Input)).SelectMany(m => m.FlaggedFiles).ToList();
            DuckDb.Execute(db, flagged.Count > 0
                ? SqlResources.Get("audit/quarantine.sql", "flagged", ("files", Files(lake, flagged)))
                : SqlResources.Get("audit/quarantine.sql", "flagged_empty"));
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
    public static void EnsureAuditTables(DbConnection db) => DuckDb.Execute(db, SqlResources.Get("audit/runs.sql", "tables"));

    /// <summary>Lake files as a list of path literals, for read_parquet([...]).</summary>
    private static string Files(Lake lake, IEnumerable<string> files) =>
        string.Join(", ", files.Select(f => SqlText.Literal(lake.Absolute(f))));

    private static string Columns(CanonicalStream stream) =>
        string.Join(", ", stream.Fields.Select(f => SqlText.Identifier(f.Name)));

    private static string EmptyColumns(CanonicalStream stream) =>
        string.Join(", ", stream.Fields.Select(f => $"CAST(NULL AS {f.SqlType}) AS {SqlText.Identifier(f.Name)}"));

    private static void WriteConfig(DbConnection db, CxConfig config)
    {
        const string Config = "config/settings.sql";
        DuckDb.Execute(db, SqlResources.Get(Config, "settings"));
        // The record an analyst reads; the models read the same settings as typed variables (SettingVariables).
        var settings = SettingVariables.Of(config);
        var insertSetting = SqlResources.Get(Config, "insert_setting");
        foreach (var (key, value) in settings)
        {
            DuckDb.Execute(db, insertSetting, key, value);
        }
        SettingVariables.Set(db, settings);
        DuckDb.Execute(db, SqlResources.Get(Config, "targets"));
        var insertTarget = SqlResources.Get(Config, "insert_target");
        foreach (var (kpi, target) in config.Targets)
        {
            DuckDb.Execute(db, insertTarget, kpi, target);
        }
        DuckDb.Execute(db, SqlResources.Get(Config, "sources"));
        var insertSource = SqlResources.Get(Config, "insert_source");
        foreach (var source in config.Sources)
        {
            DuckDb.Execute(db, insertSource, source.Name, source.Kind, source.Profile, source.Competitor);
        }
        WriteServiceConfig(db, config.Service);
        DuckDb.Execute(db, SqlResources.Get(Config, "topics"));
        var insertTopic = SqlResources.Get(Config, "insert_topic");
        var tagger = config.Topics.Tagger;
        for (var i = 0; i < tagger.Topics.Count; i++)
        {
            DuckDb.Execute(db, insertTopic, tagger.Topics[i], tagger.Parents[tagger.Topics[i]], i + 1);
        }
        DuckDb.Execute(db, SqlResources.Get(Config, "loyalty_tiers"));
        var insertTier = SqlResources.Get(Config, "insert_loyalty_tier");
        foreach (var tier in config.Loyalty.Tiers)
        {
            DuckDb.Execute(db, insertTier, tier.Name, tier.MinSpend);
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
        const string Service = "config/service.sql";
        DuckDb.Execute(db, SqlResources.Get(Service, "business_hours"));
        var insertHours = SqlResources.Get(Service, "insert_business_hours");
        foreach (var hours in service.BusinessHours)
        {
            DuckDb.Execute(db, insertHours, hours.LocationId, hours.IsoWeekday, Clock(hours.Opens), Clock(hours.Closes));
        }
        DuckDb.Execute(db, SqlResources.Get(Service, "holidays"));
        var insertHoliday = SqlResources.Get(Service, "insert_holiday");
        foreach (var holiday in service.Holidays)
        {
            DuckDb.Execute(db, insertHoliday, holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                holiday.Name, holiday.LocationId);
        }
        DuckDb.Execute(db, SqlResources.Get(Service, "sla_targets"));
        var insertTarget = SqlResources.Get(Service, "insert_sla_target");
        foreach (var target in service.SlaTargets)
        {
            DuckDb.Execute(db, insertTarget, target.Channel, target.FirstResponseMinutes, target.Clock);
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
        DuckDb.Execute(db, SqlResources.Get("seeds/seeds.sql", "kpi_registry"));
        var insert = SqlResources.Get("seeds/seeds.sql", "insert_kpi");
        foreach (var k in kpis)
        {
            DuckDb.Execute(db, insert,
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
            DuckDb.Execute(db, SqlResources.Get("seeds/seeds.sql", "seed", ("name", SqlText.Identifier(name))), file);
        }
    }
}

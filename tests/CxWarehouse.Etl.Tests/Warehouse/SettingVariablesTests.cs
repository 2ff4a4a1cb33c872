using CxWarehouse.Etl.Tests.Support;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Warehouse;

/// <summary>
/// The configuration's settings reach the models as typed DuckDB variables read through the macro
/// <c>setting(name)</c> (sql/macros/setting.sql), set by the catalogue refresh on the building connection and by
/// every later connection to the warehouse from <c>config.settings</c>; no model reads that table.
/// </summary>
public sealed class SettingVariablesTests
{
    private static void Contacts(ModelFixture warehouse)
    {
        warehouse.Insert("crm__customers", """
            SELECT 'A' AS customer_id, '+44 20 7946 0001' AS phone, 'a@example.com' AS email, 'LDN' AS location_id,
                TIMESTAMPTZ '2026-01-01 00:00:00+00' AS created_at, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at
            """);
        // Two resolved tickets of A three days apart, in week 2026-11-02.
        warehouse.Insert("crm__tickets", """
            SELECT * FROM (VALUES
                ('t1', 'A', TIMESTAMPTZ '2026-11-02 09:00:00+00', TIMESTAMPTZ '2026-11-02 09:30:00+00',
                    TIMESTAMPTZ '2026-11-02 11:00:00+00', 'email', false, 'LDN'),
                ('t2', 'A', TIMESTAMPTZ '2026-11-05 09:00:00+00', TIMESTAMPTZ '2026-11-05 09:30:00+00',
                    TIMESTAMPTZ '2026-11-05 11:00:00+00', 'email', false, 'LDN'))
                AS t(ticket_id, customer_id, created_at, first_response_at, resolved_at, channel, is_complaint, location_id)
            """);
    }

    [Fact]
    public void FcrWindow_ChangedInTheConfiguration_ChangesTheKpi()
    {
        using var week = new ModelFixture("benchmark:\n  fcr_window_days: 7\n");
        using var twoDays = new ModelFixture("benchmark:\n  fcr_window_days: 2\n");
        Contacts(week);
        Contacts(twoDays);
        week.Build("+kpi_values");
        twoDays.Build("+kpi_values");

        // Within 7 days t2 is a repeat contact of t1, which was then not resolved at first contact; after 3 days it
        // is outside a 2-day window, and both were.
        Assert.Equal(50.0, week.Kpi("fcr", "week", "2026-11-02")!.Value);
        Assert.Equal(100.0, twoDays.Kpi("fcr", "week", "2026-11-02")!.Value);
        Assert.Equal(2, twoDays.Scalar<int>("SELECT setting('fcr_window_days')"));
    }

    [Fact]
    public void Settings_AreTypedVariables_NullWhenNotConfigured()
    {
        using var warehouse = new ModelFixture("benchmark:\n  churn_window_days: 30\n", timeZone: "Europe/London");

        var row = warehouse.Rows("""
            SELECT typeof(setting('fcr_window_days')), typeof(setting('churn_window_days')),
                typeof(setting('follow_up_detractor_hours')), typeof(setting('gross_margin')), setting('gross_margin'),
                setting('churn_window_days'), setting('reporting_time_zone'), getvariable('cxw_fcr_window_days')
            """).Single();

        Assert.Equal(new object?[] { "INTEGER", "INTEGER", "DOUBLE", "DOUBLE", null, 30, "Europe/London", 7 }, row);
        // The record for analysts holds the same settings, as text.
        Assert.Equal("7", warehouse.Scalar<string>("SELECT value FROM config.settings WHERE key = 'fcr_window_days'"));
    }

    [Fact]
    public void AnotherConnection_ToTheWarehouse_ReadsTheStoredSettings_InAViewToo()
    {
        using var folder = new TempFolder();
        var path = folder.File("cx.duckdb");
        using (var db = DuckDb.Open(path, new(), null, readOnly: false))
        {
            DuckDb.Execute(db, "CREATE SCHEMA config");
            DuckDb.Execute(db, "CREATE TABLE config.settings (key VARCHAR PRIMARY KEY, value VARCHAR)");
            DuckDb.Execute(db, "INSERT INTO config.settings VALUES ('churn_window_days', '30'), ('gross_margin', ''), "
                + "('currency', 'it''s')");
            DuckDb.Execute(db, File.ReadAllText(Path.Combine(ModelFixture.Sql, "macros", "setting.sql")));
            DuckDb.Execute(db, "CREATE VIEW main.windows AS SELECT setting('churn_window_days') * 2 AS days");
        }

        using var reader = DuckDb.Open(path, new(), null, readOnly: true);

        Assert.Equal(60, DuckDb.Scalar<int>(reader, "SELECT days FROM main.windows"));
        Assert.Equal(new object?[] { "INTEGER", null, "it's" }, DuckDb.Rows(reader,
            "SELECT typeof(days), setting('gross_margin'), setting('currency') FROM main.windows").Single());
    }

    [Fact]
    public void NoModel_ReadsTheSettingsTable()
    {
        // The models, the KPI declarations they are generated from and the data tests; not the macro's comment.
        var readers = Directory.EnumerateFiles(ModelFixture.Sql, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".sql", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => Path.GetRelativePath(ModelFixture.Sql, f).Split('/', '\\')[0] != "macros")
            .Where(f => File.ReadAllText(f).Contains("config.settings", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(ModelFixture.Sql, f));

        Assert.Empty(readers);
    }

    [Fact]
    public void NoView_ReadsASetting_SoAnyClientReadsTheWarehouseAsBuilt()
    {
        // A view is evaluated by whoever queries it: in a DuckDB client that has not set the variables a setting is
        // NULL. A model that reads a setting is therefore a table, whose rows hold the settings it was built with.
        var views = ModelGraph.Load(ModelFixture.Sql).Models
            .Where(m => m.Materialization == Materialization.View)
            .Where(m => m.Sql.Contains("setting(", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.File);

        Assert.Empty(views);
    }
}

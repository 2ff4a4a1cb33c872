using ClosedXML.Excel;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Tests.Support;

namespace CxWarehouse.Reports.Tests;

public sealed class ReportGeneratorTests : IDisposable
{
    private readonly TempFolder _directory = new();
    private readonly ReportGenerator _generator = new(new FixedTimeProvider(SampleWarehouse.GeneratedAt));

    [Fact]
    public void Generate_Sample_WritesBothFilesAtConventionalPaths()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("w.duckdb")));

        var result = _generator.Generate(options);

        var reports = Path.Combine(_directory.Path, "out", "reports");
        Assert.Equal(Path.Combine(reports, "cx-benchmark-2026-W47.xlsx"), result.XlsxPath);
        Assert.Equal(Path.Combine(reports, "cx-benchmark-2026-W47.html"), result.HtmlPath);
        Assert.Equal(6, result.KpisReported);
        Assert.True(result.Elapsed >= TimeSpan.Zero);
    }

    [Fact]
    public void Generate_MartVerdicts_RealChangesFirstNoiseNamedMarginsOnTiles()
    {
        // The fixture's margins are spread / sqrt(n) and marts.benchmark (its real SQL) judges the changes: handle
        // time +3 s with margins of 1 s a week is real; NPS +1 with margins of about 18 is noise; first response
        // time, with no interval, has no test.
        var result = _generator.Generate(Options(SampleWarehouse.Create(_directory.File("sig.duckdb"))));

        var html = File.ReadAllText(result.HtmlPath!);
        var changes = html[html.IndexOf("id=\"changes\"", StringComparison.Ordinal)..];
        changes = changes[..changes.IndexOf("</td></tr>", StringComparison.Ordinal)];
        var rows = changes.Split("<tr>").Skip(2).ToList();
        Assert.Contains(">Average handle time<", rows[0], StringComparison.Ordinal);
        Assert.Contains("significant at 95%", rows[0], StringComparison.Ordinal);
        var nps = rows.Single(r => r.Contains(">NPS<", StringComparison.Ordinal));
        Assert.Contains("within noise", nps, StringComparison.Ordinal);
        Assert.Contains("no test (no sampling interval)",
            rows.Single(r => r.Contains(">First response time<", StringComparison.Ordinal)), StringComparison.Ordinal);
        // Real first, then untested, then noise.
        Assert.True(rows.FindIndex(r => r.Contains("within noise", StringComparison.Ordinal))
            > rows.FindIndex(r => r.Contains("no test", StringComparison.Ordinal)));

        // Tiles: NPS 41 on n = 120 has the margin 200 / sqrt(120) = 18.26, shown "± 18.3"; its change is noise.
        Assert.Contains("41.0 <span style=\"font-size:13px;font-weight:400;color:#4b5563;\" title=\"95% interval\">± 18.3</span>",
            html, StringComparison.Ordinal);
        Assert.Contains("▲ +3 s vs 2026-W46 <span style=\"color:#4b5563;\">(significant)</span>", html, StringComparison.Ordinal);

        // The headline shows the measured KPIs; the rest is one line saying what would enable them.
        var headline = html[html.IndexOf("id=\"headline\"", StringComparison.Ordinal)..html.IndexOf("id=\"changes\"", StringComparison.Ordinal)];
        Assert.Contains("Not measured (1 KPI): Conversion rate (needs web data).", headline, StringComparison.Ordinal);
        Assert.DoesNotContain(">Conversion rate</div>", headline, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var summary = workbook.Worksheet(WorkbookWriter.SummarySheet);
        var aht = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "Average handle time");
        Assert.Equal(30 / Math.Sqrt(900), aht.Cell(14).GetDouble(), 9);
        Assert.Equal("significant at 95%", aht.Cell(15).GetString());
        var npsRow = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "NPS");
        Assert.Equal("within noise", npsRow.Cell(15).GetString());
    }

    [Fact]
    public void Generate_EmptyWarehouse_NotAvailableEverywhere()
    {
        var options = Options(SampleWarehouse.CreateEmpty(_directory.File("empty.duckdb")));

        var result = _generator.Generate(options);

        Assert.Equal(0, result.KpisReported);
        var html = File.ReadAllText(result.HtmlPath!);
        foreach (var id in new[] { "headline", "changes", "benchmark", "journey", "trends", "voice", "drivers", "emerging",
                     "follow-ups", "competitors", "data-quality" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("not available: no KPI registry or KPI values configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no location data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no voice of customer data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no ETL run audit data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no journey funnel data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no key driver data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no follow-up data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no review or survey comment data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no review data configured", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"freshness-warning\"", html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        Assert.Equal(12, workbook.Worksheets.Count);
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Contains(
                sheet.CellsUsed(),
                c => c.GetString().StartsWith("not available", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_RegistryButNoValues_EveryKpiNotAvailable()
    {
        var path = _directory.File("registry-only.duckdb");
        using (var warehouse = new WarehouseFixture(path))
        {
            warehouse.Execute(WarehouseFixture.RegistryDdl).Execute(WarehouseFixture.ValuesDdl);
            warehouse.Insert(
                "marts.kpi_registry", "nps", "NPS", "", "score", "higher", "", "surveys", 30, 40.0, 5.0, 1);
        }

        var result = _generator.Generate(Options(path));

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("not available: no surveys data configured", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_KpiAvailabilityAndNoStatus_SayWhatIsMissingAndWhyThereIsNoStatus()
    {
        var path = SampleWarehouse.Create(_directory.File("availability.duckdb"));
        using (var warehouse = new WarehouseFixture(path))
        {
            // The warehouse's own verdicts: conversion has no web sessions in the week; CSAT's value cannot be
            // read against its target there.
            warehouse.Execute("""
                    create table marts.kpi_availability(kpi varchar, period_grain varchar, period_start date,
                        is_available boolean, missing varchar)
                    """)
                .Insert("marts.kpi_availability", "conversion_rate", "week", SampleWarehouse.Week, false,
                    "no web sessions in the web data")
                .Execute("alter table marts.kpi_values add column if not exists no_status_reason varchar")
                .Execute($"""
                    update marts.kpi_values set no_status_reason = 'no status: measured on a changed scale'
                    where kpi = 'csat' and period_grain = 'week' and period_start = DATE '{SampleWarehouse.Week:yyyy-MM-dd}'
                        and dimension = 'all'
                    """);
        }

        var result = _generator.Generate(Options(path));

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("not available: no web sessions in the web data", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not available: no web data configured", html, StringComparison.Ordinal);
        Assert.Contains("no status: measured on a changed scale", html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        var summary = workbook.Worksheet(WorkbookWriter.SummarySheet);
        var csat = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "CSAT");
        Assert.Equal("no status: measured on a changed scale", csat.Cell(7).GetString());
        Assert.Equal(SampleWarehouse.CsatValue, csat.Cell(2).GetDouble());
        var conversion = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "Conversion rate");
        Assert.Contains(conversion.Cells(), c => c.GetString() == "not available: no web sessions in the web data");
    }

    [Fact]
    public void Generate_BenchmarkTable_IsTheAuthority()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("b.duckdb"), withBenchmark: true));

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var nps = workbook.Worksheet(WorkbookWriter.SummarySheet).RowsUsed()
            .Single(r => r.Cell(1).GetString() == "NPS");
        Assert.Equal("Red", nps.Cell(7).GetString()); // the mart says red although 41 meets the target of 40
        Assert.Equal(32.0, nps.Cell(4).GetDouble()); // baseline only comes from the benchmark mart
        Assert.Equal(SampleWarehouse.BaselineSource, nps.Cell(4).Comment.Text);
        Assert.Equal(SampleWarehouse.BaselineSource, nps.Cell(13).GetString());
        Assert.Equal(120.0, nps.Cell(8).GetDouble());
    }

    [Fact]
    public void Generate_DriversAndFollowUps_RankedMaskedAndCountedPerOwner()
    {
        var path = SampleWarehouse.Create(_directory.File("voice.duckdb"));
        using (var warehouse = new WarehouseFixture(path))
        {
            warehouse.Execute("""
                create table marts.key_drivers(period_grain varchar, period_start date, unit varchar,
                    driver_kind varchar, driver varchar, responses_with bigint, responses bigint, frequency double,
                    nps_effect double, nps_effect_low double, nps_effect_high double, csat_effect double,
                    csat_effect_low double, csat_effect_high double, is_significant boolean, impact_rank bigint);
                insert into marts.key_drivers values
                    ('quarter', date '2026-10-01', 'all', 'operational', 'resolution_slow', 30, 60, 0.5,
                        -40, -60, -20, -30, -45, -15, true, 1),
                    ('quarter', date '2026-10-01', 'all', 'topic', 'price', 10, 100, 0.1, 5, -20, 30, 2, -10, 14,
                        false, 2),
                    ('quarter', date '2026-10-01', 'LDN', 'topic', 'price', 5, 50, 0.1, 9, -20, 30, 2, -10, 14,
                        false, 1),
                    ('month', date '2026-11-01', 'all', 'topic', 'booking', 5, 50, 0.1, 9, -20, 30, 2, -10, 14,
                        false, 1);
                create table marts.follow_ups(follow_up_id varchar, kind varchar, raised_at timestamptz,
                    customer_key varchar, text varchar, location_id varchar, owner_type varchar, owner varchar,
                    due_at timestamptz, answered_at timestamptz, status varchar, answered_late boolean);
                insert into marts.follow_ups values
                    ('survey:1', 'detractor', timestamptz '2026-11-16 10:00:00+00', 'Cust-Alpha',
                        'Call me on +44 20 7946 0958, nobody answered', 'LDN', 'agent', 'ldn.ann',
                        timestamptz '2026-11-18 10:00:00+00', null, 'overdue', null),
                    ('review:2', 'negative_review', timestamptz '2026-11-21 10:00:00+00', null, 'Rude staff', 'LDN',
                        'location', 'LDN', timestamptz '2026-11-22 10:00:00+00', null, 'open', null),
                    ('review:3', 'negative_review', timestamptz '2026-11-01 10:00:00+00', null, 'Late', 'LDN',
                        'location', 'LDN', timestamptz '2026-11-02 10:00:00+00', timestamptz '2026-11-03 10:00:00+00',
                        'answered', true);
                """);
        }

        var result = _generator.Generate(Options(path));

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var drivers = workbook.Worksheet(WorkbookWriter.DriversSheet);
        Assert.Equal("resolution_slow", drivers.Cell(SheetWriter.FirstDataRow, 2).GetString());
        Assert.Equal(-40.0, drivers.Cell(SheetWriter.FirstDataRow, 6).GetDouble());
        Assert.Equal("price", drivers.Cell(SheetWriter.FirstDataRow + 1, 2).GetString());
        Assert.True(drivers.Cell(SheetWriter.FirstDataRow + 2, 2).IsEmpty()); // LDN and month rows are not shown
        var followUps = workbook.Worksheet(WorkbookWriter.FollowUpsSheet);
        Assert.Equal("overdue", followUps.Cell(SheetWriter.FirstDataRow, 1).GetString());
        Assert.Equal("open", followUps.Cell(SheetWriter.FirstDataRow + 1, 1).GetString());
        Assert.Equal("C***", followUps.Cell(SheetWriter.FirstDataRow, 8).GetString());
        Assert.DoesNotContain("7946 0958", followUps.Cell(SheetWriter.FirstDataRow, 9).GetString(), StringComparison.Ordinal);
        var owners = followUps.RowsUsed().Where(r => r.Cell(1).GetString() is "LDN" or "ldn.ann")
            .ToDictionary(r => r.Cell(1).GetString(), r => (r.Cell(3).GetDouble(), r.Cell(4).GetDouble(), r.Cell(5).GetDouble()));
        Assert.Equal((1.0, 0.0, 1.0), owners["LDN"]);      // open, overdue, answered
        Assert.Equal((0.0, 1.0, 0.0), owners["ldn.ann"]);

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("1 overdue and 1 open", html, StringComparison.Ordinal);
        Assert.Contains("resolution slow", html, StringComparison.Ordinal);
        Assert.Contains("95% -60 to -20", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cust-Alpha", html, StringComparison.Ordinal);
        Assert.DoesNotContain("7946 0958", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_EmergingTopicsAndCompetitors_OfThePeriodMasked()
    {
        var path = SampleWarehouse.Create(_directory.File("market.duckdb"));
        using (var warehouse = new WarehouseFixture(path))
        {
            warehouse.Execute("""
                create table marts.emerging_topics(period_grain varchar, period_start date, unit varchar, term varchar,
                    mentions bigint, negative_texts bigint, share double, baseline_share double, z double,
                    p_value double, is_emerging boolean, example varchar);
                insert into marts.emerging_topics values
                    ('week', date '2026-11-16', 'all', 'parking fine', 6, 20, 0.3, 0.0, 3.2, 0.0007, true,
                        'Got a parking fine, call me on +44 20 7946 0958'),
                    ('month', date '2026-11-01', 'all', 'refund', 9, 60, 0.15, 0.02, 4.1, 0.00002, true, 'No refund'),
                    ('week', date '2026-11-16', 'all', 'photos', 7, 20, 0.35, 0.5, -1.2, 0.88, false, 'Blurry photos'),
                    ('week', date '2026-11-16', 'LDN', 'desk', 6, 10, 0.6, 0.0, 3.0, 0.001, true, 'The desk'),
                    ('week', date '2026-11-09', 'all', 'lift', 6, 10, 0.6, 0.0, 3.0, 0.001, true, 'The lift');
                create table marts.competitor_benchmark(period_grain varchar, period_start date, unit varchar,
                    business varchar, is_own boolean, reviews bigint, mean_rating double, share_negative double,
                    mean_sentiment double, response_rate double, top_topics varchar, rating_vs_own double,
                    rating_rank integer, businesses bigint, is_low_sample boolean);
                insert into marts.competitor_benchmark values
                    ('month', date '2026-11-01', 'all', 'Lumen', true, 40, 4.2, 0.1, 0.5, 0.8, 'price (20%)', 0, 2, 2,
                        false),
                    ('month', date '2026-11-01', 'all', 'Rival <b>Studios</b>', false, 12, 4.5, 0.05, 0.6, 0.25,
                        'staff_attitude (30%)', 0.3, 1, 2, true),
                    ('month', date '2026-11-01', 'LDN', 'Lumen', true, 10, 4.0, 0.2, 0.4, 0.9, 'price (30%)', 0, 1, 2,
                        true),
                    ('month', date '2026-11-01', 'LDN', 'Rival <b>Studios</b>', false, 3, 3.0, 0.33, 0.1, 0.0, '', -1,
                        2, 2, true),
                    ('month', date '2026-11-01', 'MAN', 'Lumen', true, 10, 4.0, 0.2, 0.4, 0.9, 'price (30%)', 0, 1, 1,
                        true),
                    ('month', date '2026-10-01', 'all', 'Old Rival', false, 5, 1.0, 1.0, -0.5, 0.0, '', -3, 2, 2, true);
                """);
        }

        var result = _generator.Generate(Options(path));

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var emerging = workbook.Worksheet(WorkbookWriter.EmergingSheet);
        // The week's own first, then its month; other periods, units and terms not emerging are not shown.
        Assert.Equal("parking fine", emerging.Cell(SheetWriter.FirstDataRow, 3).GetString());
        Assert.Equal("refund", emerging.Cell(SheetWriter.FirstDataRow + 1, 3).GetString());
        Assert.True(emerging.Cell(SheetWriter.FirstDataRow + 2, 3).IsEmpty());
        Assert.Equal(0.3, emerging.Cell(SheetWriter.FirstDataRow, 6).GetDouble());
        Assert.DoesNotContain("7946 0958", emerging.Cell(SheetWriter.FirstDataRow, 10).GetString(),
            StringComparison.Ordinal);
        var competitors = workbook.Worksheet(WorkbookWriter.CompetitorsSheet);
        var rows = competitors.RowsUsed().Where(r => r.RowNumber() >= SheetWriter.FirstDataRow)
            .Select(r => $"{r.Cell(1).GetString()} {r.Cell(2).GetString()} {r.Cell(7).GetString()}").ToList();
        // MAN has no competitor, October is not the report's month.
        Assert.Equal(["all Lumen 2 of 2", "all Rival <b>Studios</b> 1 of 2", "LDN Lumen 1 of 2",
            "LDN Rival <b>Studios</b> 2 of 2"], rows);

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("parking fine", html, StringComparison.Ordinal);
        Assert.Contains("6 of 20", html, StringComparison.Ordinal);
        Assert.DoesNotContain("7946 0958", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">desk<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">lift<", html, StringComparison.Ordinal);
        Assert.Contains("Rival &lt;b&gt;Studios&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("+0.30", html, StringComparison.Ordinal);
        Assert.Contains("staff attitude (30%)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Old Rival", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BenchmarkTable_RanksPercentilesAndStatusFromTheMart()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("br.duckdb"), withBenchmark: true));

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var locations = workbook.Worksheet(WorkbookWriter.BenchmarkSheet).RowsUsed()
            .Where(r => r.RowNumber() > SheetWriter.HeaderRow && r.Cell(1).GetString() == "location")
            .ToList();
        // C# would rank Lisbon (52) first with percentile 100 and a green status; the mart says otherwise.
        Assert.Equal(
            ["Porto", "Lisbon", SampleWarehouse.ShanghaiLocation],
            locations.Take(3).Select(r => r.Cell(4).GetString()));
        Assert.Equal([1.0, 2.0, 3.0, 4.0], locations.Select(r => r.Cell(3).GetDouble()));
        Assert.Equal([90.0, 60.0, 30.0, 0.0], locations.Select(r => r.Cell(7).GetDouble()));
        Assert.Equal("Amber", locations[0].Cell(8).GetString());
        Assert.Equal(5.0, locations[0].Cell(10).GetDouble(), 9); // delta from the mart: 35 - 30
        // Dimensions the mart does not carry are not ranked by the report itself: the mart owns ranks.
        var agents = workbook.Worksheet(WorkbookWriter.BenchmarkSheet).RowsUsed()
            .Where(r => r.Cell(1).GetString() == "agent").ToList();
        Assert.DoesNotContain(agents, r => r.Cell(5).GetString() is "290" or "305" or "330");

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("industry 32.0<sup>[1]</sup>", html, StringComparison.Ordinal);
        Assert.Contains(
            "title=\"ACSI 2024 &lt;b&gt;Retail&lt;/b&gt; &amp; &quot;Services&quot; study\"", html,
            StringComparison.Ordinal);
        Assert.Contains(
            "[1] Industry baseline: ACSI 2024 &lt;b&gt;Retail&lt;/b&gt; &amp; &quot;Services&quot; study", html,
            StringComparison.Ordinal);
        // The prior status is the mart's amber for 2026-W46, not the green computed from 40 against a target of 40.
        var changes = html[html.IndexOf("id=\"changes\"", StringComparison.Ordinal)..];
        var npsChange = changes[changes.IndexOf(">NPS</td>", StringComparison.Ordinal)..];
        npsChange = npsChange[..npsChange.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("near target in 2026-W46 → off target", npsChange, StringComparison.Ordinal);
        Assert.Contains("1. Porto", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoBenchmarkTable_NoBaselineShown()
    {
        var result = _generator.Generate(Options(SampleWarehouse.Create(_directory.File("nb.duckdb"))));

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var nps = workbook.Worksheet(WorkbookWriter.SummarySheet).RowsUsed()
            .Single(r => r.Cell(1).GetString() == "NPS");
        Assert.True(nps.Cell(4).IsEmpty());
        Assert.False(nps.Cell(4).HasComment);
        Assert.DoesNotContain("Industry baseline", File.ReadAllText(result.HtmlPath!), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoJourneyTables_SectionsNotAvailable()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("nj.duckdb"), withJourney: false));

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var texts = workbook.Worksheet(WorkbookWriter.JourneySheet).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(2, texts.Count(t => t == "not available: no journey funnel data configured"));
        Assert.Equal(2, texts.Count(t => t == "not available: no journey path data configured"));
        Assert.Contains("not available: no cohort retention data configured", texts);
        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("id=\"journey\"", html, StringComparison.Ordinal);
        Assert.Contains("not available: no journey funnel data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no journey path data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no cohort retention data configured", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MonthWithoutJourneys_LatestEarlierMonthShown()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("jm.duckdb"))) with
        {
            Period = ReportPeriod.Parse("2026-12", SampleWarehouse.Week),
        };

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var sheet = workbook.Worksheet(WorkbookWriter.JourneySheet);
        Assert.Contains(
            "latest month with data (none yet for 2026-12)", sheet.Cell(SheetWriter.NoteRow, 1).GetString(),
            StringComparison.Ordinal);
        Assert.Equal(1000.0, sheet.Cell(SheetWriter.FirstDataRow, 2).GetDouble()); // November's funnel
        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("No journeys yet for 2026-12; 2026-11 is the latest month with data.", html,
            StringComparison.Ordinal);
        Assert.Contains(">2026-12</td>", html, StringComparison.Ordinal); // December's cohort is now in range
    }

    [Fact]
    public void Generate_EarlierMonth_FunnelOfThatMonth()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("jo.duckdb"))) with
        {
            Period = ReportPeriod.Parse("2026-10", SampleWarehouse.Week),
        };

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        Assert.Equal(
            900.0, workbook.Worksheet(WorkbookWriter.JourneySheet).Cell(SheetWriter.FirstDataRow, 2).GetDouble());
    }

    [Fact]
    public void Generate_AllStreamsFresh_NoBanner()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("f.duckdb"), allFresh: true));

        var result = _generator.Generate(options);

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.DoesNotContain("id=\"freshness-warning\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Stale data", html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        var note = workbook.Worksheet(WorkbookWriter.SummarySheet).Cell(SheetWriter.NoteRow, 1);
        Assert.StartsWith("At a glance:", note.GetString(), StringComparison.Ordinal);
        Assert.False(note.IsMerged());
    }

    [Fact]
    public void Generate_WarehouseWithoutFreshnessColumns_EstimatesAndWarns()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("legacy.duckdb"), legacyAudit: true));

        var result = _generator.Generate(options);

        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("Stale (&gt; 50 h)", html, StringComparison.Ordinal);
        Assert.Contains("Late (&gt; 26 h)", html, StringComparison.Ordinal);
        Assert.Contains("id=\"freshness-warning\"", html, StringComparison.Ordinal);
        Assert.Contains("the report estimates it: late after 26 h, stale after 50 h", html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        var sheet = workbook.Worksheet(WorkbookWriter.DataQualitySheet);
        var web = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "web");
        Assert.Equal("Fresh", web.Cell(13).GetString()); // 14 h: under the report's own 26 h
        Assert.Equal(14.0, web.Cell(12).GetDouble(), 9); // computed from latest_record_at and the run start
        Assert.Contains("estimated by the report", sheet.Cell(SheetWriter.NoteRow, 1).GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ShowPersonalData_Unmasked()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("p.duckdb"))) with { WriteHtml = false };

        var result = _generator.Generate(options with { ShowPersonalData = true });

        Assert.Null(result.HtmlPath);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        var maria = workbook.Worksheet(WorkbookWriter.CustomersSheet).RowsUsed()
            .Single(r => r.Cell(1).GetString() == "c-001");
        Assert.Equal("Maria Silva", maria.Cell(2).GetString());
        Assert.Equal("maria.silva@example.com", maria.Cell(3).GetString());
    }

    [Fact]
    public void Generate_MonthAndTimeZone_Renders()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("m.duckdb"))) with
        {
            Period = ReportPeriod.Parse("2026-11", SampleWarehouse.Week),
            ReportingTimeZone = "Europe/Lisbon",
        };

        var result = _generator.Generate(options);

        Assert.EndsWith("cx-benchmark-2026-11.html", result.HtmlPath, StringComparison.Ordinal);
        Assert.Contains("Europe/Lisbon", File.ReadAllText(result.HtmlPath!), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Twice_OverwritesAndLeavesNoTempFiles()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("t.duckdb")));

        _generator.Generate(options);
        var result = _generator.Generate(options);

        var files = Directory.GetFiles(Path.GetDirectoryName(result.XlsxPath!)!).Select(Path.GetFileName).Order();
        Assert.Equal(["cx-benchmark-2026-W47.html", "cx-benchmark-2026-W47.xlsx"], files);
    }

    [Fact]
    public void Generate_TemplateError_WritesNothing()
    {
        var templates = Path.Combine(_directory.Path, "bad-templates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "_layout.sbn-html"), "{{ content }}");
        File.WriteAllText(Path.Combine(templates, "report.sbn-html"), "{{ include '../../etc/passwd.sbn-html' }}");
        var options = Options(SampleWarehouse.Create(_directory.File("e.duckdb"))) with
        {
            TemplatesDirectory = templates,
        };

        Assert.ThrowsAny<Exception>(() => _generator.Generate(options));

        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "out", "reports")));
    }

    [Fact]
    public void Generate_MissingWarehouse_FileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => _generator.Generate(Options(_directory.File("missing.duckdb"))));
    }

    [Fact]
    public void Generate_UnknownTimeZone_ArgumentException()
    {
        var options = Options(SampleWarehouse.CreateEmpty(_directory.File("z.duckdb"))) with
        {
            ReportingTimeZone = "Mars/Olympus",
        };

        var ex = Assert.Throws<ArgumentException>(() => _generator.Generate(options));
        Assert.Contains("Mars/Olympus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_HandMadeUnsafeLabel_Rejected()
    {
        var options = Options(SampleWarehouse.CreateEmpty(_directory.File("l.duckdb"))) with
        {
            Period = new ReportPeriod("../../evil", "week", SampleWarehouse.Week, SampleWarehouse.Week.AddDays(7)),
        };

        Assert.Throws<ArgumentException>(() => _generator.Generate(options));
    }

    [Fact]
    public void Generate_WarehouseOpenedReadOnly_FileUnchanged()
    {
        var path = SampleWarehouse.Create(_directory.File("ro.duckdb"));
        var before = File.ReadAllBytes(path);

        _generator.Generate(Options(path));

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void FindLatestDataDate_WeeklyValues_SundayOfLatestWeek()
    {
        Assert.Equal(
            new DateOnly(2026, 11, 22),
            ReportGenerator.FindLatestDataDate(SampleWarehouse.Create(_directory.File("d.duckdb"))));
        Assert.Null(ReportGenerator.FindLatestDataDate(SampleWarehouse.CreateEmpty(_directory.File("n.duckdb"))));
    }

    public void Dispose() => _directory.Dispose();

    private ReportOptions Options(string warehouse) =>
        new(warehouse, _directory.File("out"), ReportPeriod.Parse("2026-W47", SampleWarehouse.Week))
        {
            TemplatesDirectory = TestPaths.TemplatesDirectory,
        };
}

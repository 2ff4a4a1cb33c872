using ClosedXML.Excel;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Tests.Support;

namespace CxWarehouse.Reports.Tests;

public sealed class ReportGeneratorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
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
    public void Generate_EmptyWarehouse_NotAvailableEverywhere()
    {
        var options = Options(SampleWarehouse.CreateEmpty(_directory.File("empty.duckdb")));

        var result = _generator.Generate(options);

        Assert.Equal(0, result.KpisReported);
        var html = File.ReadAllText(result.HtmlPath!);
        foreach (var id in new[] { "headline", "changes", "benchmark", "trends", "voice", "data-quality" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("not available: no KPI registry or KPI values configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no location data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no voice of customer data configured", html, StringComparison.Ordinal);
        Assert.Contains("not available: no ETL run audit data configured", html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(result.XlsxPath!);
        Assert.Equal(7, workbook.Worksheets.Count);
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
    public void Generate_BenchmarkTable_IsTheAuthority()
    {
        var options = Options(SampleWarehouse.Create(_directory.File("b.duckdb"), withBenchmark: true));

        var result = _generator.Generate(options);

        using var workbook = new XLWorkbook(result.XlsxPath!);
        var nps = workbook.Worksheet(WorkbookWriter.SummarySheet).RowsUsed()
            .Single(r => r.Cell(1).GetString() == "NPS");
        Assert.Equal("Red", nps.Cell(7).GetString()); // the mart says red although 41 meets the target of 40
        Assert.Equal(32.0, nps.Cell(4).GetDouble()); // baseline only comes from the benchmark mart
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

namespace CxWarehouse.Reports.Tests.Support;

/// <summary>The standard fixture rendered once for 2026-W47 (personal data masked), shared by a test class.</summary>
public sealed class GeneratedReport : IDisposable
{
    private readonly TempFolder _directory = new();

    public GeneratedReport()
    {
        var warehouse = SampleWarehouse.Create(_directory.File("warehouse.duckdb"));
        Options = new ReportOptions(
            warehouse, _directory.File("out"), ReportPeriod.Parse("2026-W47", SampleWarehouse.Week))
        {
            TemplatesDirectory = TestPaths.TemplatesDirectory,
        };
        Result = new ReportGenerator(new FixedTimeProvider(SampleWarehouse.GeneratedAt)).Generate(Options);
        Html = File.ReadAllText(Result.HtmlPath!);
    }

    public ReportOptions Options { get; }

    public ReportResult Result { get; }

    public string Html { get; }

    public string XlsxPath => Result.XlsxPath!;

    public void Dispose() => _directory.Dispose();
}

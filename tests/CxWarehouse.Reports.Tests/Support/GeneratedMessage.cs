using CxWarehouse.Reports.Mail;
using MimeKit;

namespace CxWarehouse.Reports.Tests.Support;

/// <summary>The standard fixture's 2026-W47 report with the weekly message (.eml), parsed once for a test class.</summary>
public sealed class GeneratedMessage : IDisposable
{
    private readonly TempFolder _directory = new();

    public GeneratedMessage()
    {
        var warehouse = SampleWarehouse.Create(_directory.File("warehouse.duckdb"));
        var options = new ReportOptions(
            warehouse, _directory.File("out"), ReportPeriod.Parse("2026-W47", SampleWarehouse.Week))
        {
            TemplatesDirectory = TestPaths.TemplatesDirectory,
            WriteHtml = false,
            WriteEml = true,
            Message = new MessageOptions
            {
                From = "CX reports <reports@example.com>",
                To = ["ana@example.com", "Bo Li <bo@example.com>"],
                Cc = ["ops@example.com"],
                Subject = "{title} {period} ({range}, vs {prior}): {off_target} off, {near_target} near, "
                    + "{on_target} on target, {without_data} without data",
            },
        };
        Result = new ReportGenerator(new FixedTimeProvider(SampleWarehouse.GeneratedAt)).Generate(options);
        Message = MimeMessage.Load(Result.EmlPath!);
        Html = Message.HtmlBody ?? throw new InvalidOperationException("the message has no HTML body");
    }

    public ReportResult Result { get; }

    public MimeMessage Message { get; }

    public string Html { get; }

    /// <summary>A file in the fixture's temporary folder.</summary>
    public string File(string name) => _directory.File(name);

    public void Dispose()
    {
        Message.Dispose();
        _directory.Dispose();
    }
}

using CxWarehouse.Reports.Mail;

namespace CxWarehouse.Reports;

/// <summary>What <see cref="ReportGenerator.Generate(ReportOptions)"/> reads, writes and shows.</summary>
/// <param name="WarehousePath">The DuckDB warehouse file; it is opened read-only.</param>
/// <param name="OutputDirectory">Files go to <c>reports/cx-benchmark-&lt;Label&gt;.*</c> under this folder.</param>
/// <param name="Period">The period the report covers.</param>
public sealed record ReportOptions(string WarehousePath, string OutputDirectory, ReportPeriod Period)
{
    /// <summary>Write the Excel workbook.</summary>
    public bool WriteXlsx { get; init; } = true;

    /// <summary>Write the self-contained HTML page (for the Monday email).</summary>
    public bool WriteHtml { get; init; } = true;

    /// <summary>Write the weekly message as <c>cx-benchmark-&lt;Label&gt;.eml</c>: the exact MIME message to send.</summary>
    public bool WriteEml { get; init; }

    /// <summary>The message's sender, recipients and subject.</summary>
    public MessageOptions Message { get; init; } = new();

    /// <summary>Folder holding <c>_layout.sbn-html</c>, <c>report.sbn-html</c> and <c>partials/</c>.</summary>
    /// <remarks>Relative paths resolve against the current directory. Includes cannot leave this folder.</remarks>
    public string TemplatesDirectory { get; init; } = "templates/html";

    /// <summary>Show customer names, emails and phones in full. Default false: they are masked.</summary>
    /// <remarks>Emails and phone numbers inside quotes are masked too. The HTML never lists customers.</remarks>
    public bool ShowPersonalData { get; init; }

    /// <summary>IANA or Windows time zone id that timestamps are shown in.</summary>
    public string ReportingTimeZone { get; init; } = "UTC";

    /// <summary>Title on the workbook and the HTML page.</summary>
    public string Title { get; init; } = "CX benchmark";
}

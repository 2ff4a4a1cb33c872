namespace CxWarehouse.Reports;

/// <summary>What a report run produced.</summary>
/// <param name="XlsxPath">Full path of the workbook, or null when it was not requested.</param>
/// <param name="HtmlPath">Full path of the HTML page, or null when it was not requested.</param>
/// <param name="EmlPath">Full path of the message, or null when it was not requested.</param>
/// <param name="KpisReported">KPIs with a value for the period at dimension <c>all</c>.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record ReportResult(string? XlsxPath, string? HtmlPath, string? EmlPath, int KpisReported, TimeSpan Elapsed)
{
    /// <summary>Wall time of each stage (read, model, html, xlsx), for the debug log and speed work.</summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Stages { get; init; } = [];
}

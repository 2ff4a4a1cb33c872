using System.Text;
using System.Text.RegularExpressions;
using CxWarehouse.IO;
using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Html;
using CxWarehouse.Reports.Mail;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports;

/// <summary>
/// Builds the CX benchmark report for one period from the DuckDB warehouse: an Excel workbook and a
/// self-contained HTML page, and the weekly message (MIME, with the charts as images and the workbook attached).
/// </summary>
/// <remarks>
/// <para>The warehouse is opened read-only. Absent or empty tables give "not available" sections, never
/// an exception; a table that exists but misses a contract column fails with the table named.</para>
/// <para>Both outputs are computed from one model, so they agree. Each file is written atomically
/// (temporary file in the same folder, flushed, then renamed over the target).</para>
/// <para>Pass a <see cref="TimeProvider"/> to fix the generation time (snapshot tests).</para>
/// </remarks>
public sealed partial class ReportGenerator
{
    /// <summary>
    /// The workbook libraries' warm-up, started at most once per process: the object model the sheets are built
    /// with (what the workbook waits for), and beside it, on a thread of its own, saving a package and adding a chart
    /// to it, which the workbook needs only after its sheets are built.
    /// </summary>
    private static readonly Lazy<Task> s_workbookWarmUp = new(() =>
    {
        _ = Task.Run(WarmUpPackage);
        return Task.Run(WarmUpObjectModel);
    });

    private readonly TimeProvider _timeProvider;

    /// <summary>A generator using the system clock.</summary>
    public ReportGenerator()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A generator whose "generated at" and elapsed times come from <paramref name="timeProvider"/>.</summary>
    public ReportGenerator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Writes the requested files and reports what was written.</summary>
    /// <exception cref="ArgumentException">Invalid period label or grain, or unknown time zone.</exception>
    /// <exception cref="FileNotFoundException">The warehouse file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">HTML was requested and the templates folder is missing.</exception>
    public ReportResult Generate(ReportOptions options) => Generate(options, null);

    /// <summary>
    /// Writes the requested files from <paramref name="warehouse"/>, already open (the command that chose the period
    /// from its latest data reads the report on the same connection), instead of opening
    /// <see cref="ReportOptions.WarehousePath"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid period label or grain, or unknown time zone.</exception>
    /// <exception cref="DirectoryNotFoundException">HTML was requested and the templates folder is missing.</exception>
    public ReportResult Generate(ReportOptions options, ReportWarehouse? warehouse)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Period);
        var started = _timeProvider.GetTimestamp();
        var period = options.Period;
        if (!SafeLabel().IsMatch(period.Label))
        {
            throw new ArgumentException(
                $"Invalid report period label '{period.Label}': use ReportPeriod.Parse.", nameof(options));
        }

        if (period.Grain is not (ReportPeriod.WeekGrain or ReportPeriod.MonthGrain))
        {
            throw new ArgumentException($"Invalid report period grain '{period.Grain}'.", nameof(options));
        }

        var stages = new List<KeyValuePair<string, TimeSpan>>();
        var mark = started;
        void Stage(string name)
        {
            var now = _timeProvider.GetTimestamp();
            stages.Add(new(name, _timeProvider.GetElapsedTime(mark, now)));
            mark = now;
        }

        var timeZone = ResolveTimeZone(options.ReportingTimeZone);
        var renderer = options.WriteHtml || options.WriteEml
            ? new HtmlReportRenderer(options.TemplatesDirectory)
            : null;

        // Speed: most of a report's time is loading and first-running ClosedXML and the OpenXML SDK. A second core
        // does it while this one reads the warehouse and renders the HTML, then writes the workbook there too
        // (started earlier by PrepareWorkbook when the caller knew a workbook was coming).
        var warmUp = options.WriteXlsx || options.WriteEml ? s_workbookWarmUp.Value : null;

        WarehouseSnapshot snapshot;
        if (warehouse is null)
        {
            using var reader = WarehouseReader.Open(options.WarehousePath);
            snapshot = Read(reader, period);
        }
        else
        {
            snapshot = Read(warehouse.Reader, period);
        }

        Stage("read");

        var model = ReportModelBuilder.Build(snapshot, options, _timeProvider.GetUtcNow(), timeZone);
        Stage("model");

        // Render both before writing anything, so a template error leaves the previous files untouched.
        var fileName = "cx-benchmark-" + period.Label;
        var workbook = warmUp?.ContinueWith(
            _ =>
            {
                var buffer = new MemoryStream();
                WorkbookWriter.Write(model, buffer);
                return buffer;
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        string? html;
        MimeKit.MimeMessage? message;
        try
        {
            // The message attaches the full HTML report and the workbook, and its footer names both.
            html = options.WriteHtml || options.WriteEml
                ? renderer!.Render(HtmlViewBuilder.Build(
                    model, options.WriteXlsx || options.WriteEml ? fileName + ".xlsx" : null))
                : null;
            Stage("html");
            message = options.WriteEml
                ? Message(model, renderer!, fileName, html!, workbook!.GetAwaiter().GetResult().ToArray(), options)
                : null;
        }
        catch
        {
            // Let the workbook finish (it reads the model) before the error leaves; its result is not wanted.
            workbook?.ContinueWith(t => t.Result.Dispose(), TaskScheduler.Default).Wait();
            throw;
        }

        using var workbookBytes = workbook?.GetAwaiter().GetResult();
        Stage("xlsx");
        var directory = Path.Combine(Path.GetFullPath(options.OutputDirectory), "reports");
        var baseName = Path.Combine(directory, fileName);
        string? xlsxPath = null;
        string? htmlPath = null;
        string? emlPath = null;
        if (options.WriteXlsx)
        {
            xlsxPath = baseName + ".xlsx";
            AtomicFile.Write(xlsxPath, stream =>
            {
                workbookBytes!.Position = 0;
                workbookBytes.CopyTo(stream);
            });
        }

        if (options.WriteHtml)
        {
            htmlPath = baseName + ".html";
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html!);
            AtomicFile.Write(htmlPath, stream => stream.Write(bytes));
        }

        if (message is not null)
        {
            emlPath = baseName + ".eml";
            // CRLF line ends, as the message travels over SMTP (RFC 5322).
            var format = MimeKit.FormatOptions.Default.Clone();
            format.NewLineFormat = MimeKit.NewLineFormat.Dos;
            AtomicFile.Write(emlPath, stream => message.WriteTo(format, stream));
        }

        Stage("write");
        return new ReportResult(
            xlsxPath, htmlPath, emlPath, model.KpisReported, _timeProvider.GetElapsedTime(started))
        {
            Stages = stages,
        };
    }

    /// <summary>
    /// The message: a compact body drawn for mail clients (the KPIs' sparklines as PNG images attached by
    /// Content-ID, styles inline, small enough that Gmail does not clip it), a plain-text summary, and the full HTML
    /// report and the workbook attached.
    /// </summary>
    private static MimeKit.MimeMessage Message(
        ReportModel model,
        HtmlReportRenderer renderer,
        string fileName,
        string reportHtml,
        byte[] workbook,
        ReportOptions options)
    {
        var charts = new PngChartRenderer($"{model.Period.Label}@cxwarehouse");
        var view = HtmlViewBuilder.BuildMail(model, fileName + ".xlsx", fileName + ".html", charts);
        var html = MailHtml.Inline(renderer.RenderMail(view));

        // A chart the template does not show is not attached.
        var shown = charts.Images.Where(i => html.Contains($"\"cid:{i.ContentId}\"", StringComparison.Ordinal)).ToList();
        var report = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(reportHtml);
        return ReportMessage.Build(
            model, html, shown, (fileName + ".html", report), (fileName + ".xlsx", workbook), options.Message);
    }

    private static WarehouseSnapshot Read(WarehouseReader reader, ReportPeriod period)
    {
        var weeks = ReportModelBuilder.TrendWeeks(period);
        return reader.Read(period, weeks[0], weeks[^1]);
    }

    /// <summary>
    /// The last day (<c>period_start + 6</c>) of the latest weekly KPI values, or null when there are none;
    /// pass it to <see cref="ReportPeriod.LatestCompleteWeek"/> or <see cref="ReportPeriod.Parse"/>.
    /// </summary>
    public static DateOnly? FindLatestDataDate(string warehousePath)
    {
        using var reader = WarehouseReader.Open(warehousePath);
        return reader.LatestWeeklyDataDate();
    }

    /// <summary>
    /// Starts loading and first-running the workbook libraries on another thread, so that a command that will
    /// write a workbook overlaps it with its own start (reading its configuration, resolving the period).
    /// Generate uses the same warm-up; calling this more than once does nothing more.
    /// </summary>
    public static void PrepareWorkbook() => _ = s_workbookWarmUp.Value;

    /// <summary>
    /// Loads and first-runs what building a workbook's sheets needs (ClosedXML's object model) on a throw-away
    /// workbook: styles, a number format, a conditional format, a comment, a frozen row.
    /// </summary>
    private static void WarmUpObjectModel()
    {
        using var workbook = WarmUpSheet();
    }

    /// <summary>
    /// Loads and first-runs what writing a workbook's package needs (ClosedXML's save, the OpenXML SDK,
    /// System.IO.Packaging, the charts added after): a throw-away workbook saved to memory and given a chart.
    /// </summary>
    private static void WarmUpPackage()
    {
        using var workbook = WarmUpSheet();
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        WorkbookCharts.Add(buffer, [new SheetChart("warm-up", 2, 0, 0, 100, 50, "warm-up", "warm-up", ChartKind.Line,
            new ChartSeries("warm-up", "'warm-up'!$A$1:$A$1", ["a"], "'warm-up'!$A$1:$A$1", [1.5]), "0.0")]);
    }

    private static ClosedXML.Excel.XLWorkbook WarmUpSheet()
    {
        var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("warm-up");
        var cell = sheet.Cell(1, 1);
        cell.Value = 1.5;
        cell.Style.NumberFormat.Format = "0.0";
        cell.Style.Font.SetBold(true).Fill.SetBackgroundColor(ClosedXML.Excel.XLColor.FromHtml("#E6F4EA"));
        cell.Comment.AddText("warm-up");
        sheet.Range(1, 1, 2, 1).AddConditionalFormat().DataBar(ClosedXML.Excel.XLColor.Blue).LowestValue().HighestValue();
        sheet.SheetView.FreezeRows(1);
        return workbook;
    }

    private static TimeZoneInfo ResolveTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ArgumentException($"Unknown reporting time zone '{id}'.", nameof(id), ex);
        }
    }

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeLabel();
}

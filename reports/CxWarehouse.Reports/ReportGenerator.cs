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
        // The workbook is written on another core while this one renders the HTML.
        var workbook = options.WriteXlsx || options.WriteEml
            ? Task.Run(() =>
            {
                var buffer = new MemoryStream();
                WorkbookWriter.Write(model, buffer);
                return buffer;
            })
            : null;
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

using System.CommandLine;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Warehouse;
using CxWarehouse.Reports;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw report</c>: the manager's workbook and the weekly HTML report.</summary>
internal static class ReportCommand
{
    /// <summary>
    /// The local date of the newest customer activity (surveys, calls, web, reviews, tickets; orders only when
    /// nothing else is configured, as bookings can carry future close dates).
    /// </summary>
    private static DateOnly? LatestActivityDate(string warehouse)
    {
        using var db = DuckDb.Open(warehouse, new WarehouseSettings(), null, readOnly: true);
        if (!DuckDb.TableExists(db, "marts", "data_coverage"))
        {
            return null;
        }
        var date = DuckDb.Scalar<DateTime?>(db, """
            SELECT coalesce(max(last_local_date) FILTER (WHERE is_activity), max(last_local_date))::TIMESTAMP
            FROM marts.data_coverage
            """);
        return date is null ? null : DateOnly.FromDateTime(date.Value);
    }

    public static Command Create()
    {
        var period = new Option<string?>("--period", "-p")
        {
            Description = "ISO week (2026-W47), month (2026-11), last-week or last-month. Relative periods and the "
                + "default (the latest complete ISO week) are taken from the latest data in the warehouse, or from "
                + "today with --relative-to-today.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "xlsx, html or all.",
            DefaultValueFactory = _ => "all",
        };
        format.AcceptOnlyFromAmong("xlsx", "html", "all");
        var today = new Option<bool>("--relative-to-today")
        {
            Description = "Resolve last-week and last-month against today's date instead of the latest data.",
        };
        var command = new Command("report", """
            Render <output>/reports/cx-benchmark-<period>.xlsx and .html from the warehouse's marts. Files are
            written atomically; the warehouse is opened read-only.
            """) { period, format, today };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                var config = context.LoadConfig();
                if (!File.Exists(context.WarehousePath))
                {
                    throw new ConfigException($"no warehouse at {context.WarehousePath}: run 'cxw run' first");
                }
                using var runLock = RunLock.Acquire(context.WarehousePath, "cxw report");
                context.Log.Debug("stage report");
                var generator = new ReportGenerator();
                var text = parse.GetValue(period);
                // Only the default and relative periods need the latest data date: a named week or month does not
                // open the warehouse a second time for it.
                var relative = text is null || text.Trim().StartsWith("last-", StringComparison.OrdinalIgnoreCase);
                var latest = relative && !parse.GetValue(today) ? LatestActivityDate(context.WarehousePath) : null;
                var reference = latest ?? DateOnly.FromDateTime(DateTime.UtcNow);
                var chosen = text is null
                    ? ReportPeriod.LatestCompleteWeek(reference)
                    : ReportPeriod.Parse(text, reference);
                var formats = parse.GetValue(format);
                var result = generator.Generate(new ReportOptions(context.WarehousePath, context.Output, chosen)
                {
                    WriteXlsx = formats is "xlsx" or "all",
                    WriteHtml = formats is "html" or "all",
                    TemplatesDirectory = CliContext.ProjectFolder(config, Path.Combine("templates", "html")),
                    ShowPersonalData = config.Reporting.ShowPersonalData,
                    ReportingTimeZone = config.Reporting.TimeZone,
                    Title = config.Reporting.Title,
                });
                foreach (var path in new[] { result.XlsxPath, result.HtmlPath }.OfType<string>())
                {
                    context.Log.Info($"wrote {path}");
                }
                context.Log.Info($"report {chosen.Label}: {result.KpisReported} KPIs in {result.Elapsed.TotalSeconds:0.00} s");
                context.Log.Debug("report stages: " + string.Join(", ", result.Stages.Select(s =>
                    $"{s.Key} {s.Value.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} s"))
                    + $"; process {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} s");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}

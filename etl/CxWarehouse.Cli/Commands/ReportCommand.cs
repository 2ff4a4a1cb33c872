using System.CommandLine;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Reports;
using CxWarehouse.Reports.Mail;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw report</c>: the manager's workbook and the weekly HTML report.</summary>
internal static class ReportCommand
{
    /// <summary>The SMTP server of the configuration's mail: section, with the password from its variable.</summary>
    private static SmtpServer Server(CxConfig config)
    {
        if (config.Mail is not { } mail)
        {
            throw new ConfigException($"{Path.GetFileName(config.FilePath)}: --mail needs a mail: section "
                + "(host, port, tls, user, password_env, from, to; see README: the weekly message)");
        }
        string? password = null;
        if (mail.PasswordEnv is { } variable)
        {
            password = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(password))
            {
                throw new ConfigException($"mail.password_env: the environment variable {variable} is not set");
            }
        }
        var tls = mail.Tls switch
        {
            "implicit" => SmtpTls.Implicit,
            "none" => SmtpTls.None,
            _ => SmtpTls.StartTls,
        };
        return new SmtpServer(mail.Host, mail.Port, tls, mail.User, password);
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
            Description = "xlsx, html, eml (the weekly message: the HTML with its charts as images, the workbook "
                + "attached) or all (xlsx and html).",
            DefaultValueFactory = _ => "all",
        };
        format.AcceptOnlyFromAmong("xlsx", "html", "eml", "all");
        var mail = new Option<bool>("--mail")
        {
            Description = "Also write the .eml and send it over SMTP as configured under mail: in the configuration; "
                + "a failed send exits 2 with the server's answer.",
        };
        var today = new Option<bool>("--relative-to-today")
        {
            Description = "Resolve last-week and last-month against today's date instead of the latest data.",
        };
        var command = new Command("report", """
            Render <output>/reports/cx-benchmark-<period>.xlsx and .html (and .eml, the weekly message) from the
            warehouse's marts, and with --mail send the message. Files are written atomically; the warehouse is
            opened read-only.
            """) { period, format, today, mail };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                var config = context.LoadConfig();
                var send = parse.GetValue(mail);
                var server = send ? Server(config) : null;
                if (!File.Exists(context.WarehousePath))
                {
                    throw new ConfigException($"no warehouse at {context.WarehousePath}: run 'cxw run' first");
                }
                using var runLock = RunLock.Acquire(context.WarehousePath, "cxw report");
                context.Log.Debug("stage report");
                var generator = new ReportGenerator();
                var text = parse.GetValue(period);
                // Only the default and relative periods need the latest data date, read on the report's own
                // connection (opening the warehouse file a second time cost about 0.05 s at scale 100).
                var relative = text is null || text.Trim().StartsWith("last-", StringComparison.OrdinalIgnoreCase);
                using var warehouse = ReportWarehouse.Open(context.WarehousePath);
                var latest = relative && !parse.GetValue(today) ? warehouse.LatestActivityDate() : null;
                var reference = latest ?? DateOnly.FromDateTime(DateTime.UtcNow);
                var chosen = text is null
                    ? ReportPeriod.LatestCompleteWeek(reference)
                    : ReportPeriod.Parse(text, reference);
                var formats = parse.GetValue(format);
                var result = generator.Generate(new ReportOptions(context.WarehousePath, context.Output, chosen)
                {
                    WriteXlsx = formats is "xlsx" or "all",
                    WriteHtml = formats is "html" or "all",
                    WriteEml = formats is "eml" || send,
                    Message = config.Mail is { } m
                        ? new MessageOptions { From = m.From, To = m.To, Cc = m.Cc, Subject = m.Subject ?? MessageOptions.DefaultSubject }
                        : new MessageOptions(),
                    TemplatesDirectory = CliContext.ProjectFolder(config, Path.Combine("templates", "html")),
                    ShowPersonalData = config.Reporting.ShowPersonalData,
                    ReportingTimeZone = config.Reporting.TimeZone,
                    Title = config.Reporting.Title,
                }, warehouse);
                foreach (var path in new[] { result.XlsxPath, result.HtmlPath, result.EmlPath }.OfType<string>())
                {
                    context.Log.Info($"wrote {path}");
                }
                if (server is not null)
                {
                    // The message sent is the file just written, byte for byte.
                    var message = MimeKit.MimeMessage.Load(result.EmlPath!);
                    var answer = MailSender.Send(message, server);
                    var recipients = message.To.Mailboxes.Count() + message.Cc.Mailboxes.Count();
                    context.Log.Info($"sent {Path.GetFileName(result.EmlPath)} to {recipients} recipient(s) through {server}: {answer}");
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

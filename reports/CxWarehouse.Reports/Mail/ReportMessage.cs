using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using MimeKit;
using MimeKit.Utils;

namespace CxWarehouse.Reports.Mail;

/// <summary>
/// The weekly message: a plain-text summary and a compact HTML body (its sparklines PNG images attached by
/// Content-ID, in a multipart/related part), with the full HTML report and the workbook attached.
/// </summary>
internal static partial class ReportMessage
{
    public const string WorkbookMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static MimeMessage Build(
        ReportModel model,
        string html,
        IReadOnlyList<ChartImage> images,
        (string Name, byte[] Bytes)? report,
        (string Name, byte[] Bytes)? workbook,
        MessageOptions options)
    {
        var message = new MimeMessage();
        if (options.From is not null)
        {
            message.From.Add(Address(options.From, "from"));
        }

        message.To.AddRange(options.To.Select(a => Address(a, "to")));
        message.Cc.AddRange(options.Cc.Select(a => Address(a, "cc")));
        message.Subject = Subject(options.Subject, model);
        message.Date = model.GeneratedAt;
        var domain = message.From.Mailboxes.FirstOrDefault()?.Domain is { Length: > 0 } d ? d : "cxwarehouse.local";
        message.MessageId = MimeUtils.GenerateMessageId(domain);
        message.Headers.Add("X-Mailer", "CxWarehouse");

        var body = new BodyBuilder { TextBody = Text(model, report?.Name, workbook?.Name), HtmlBody = html };
        foreach (var image in images)
        {
            var part = body.LinkedResources.Add(image.FileName, image.Png, new ContentType("image", "png"));
            part.ContentId = image.ContentId;
        }

        if (report is { } r)
        {
            body.Attachments.Add(r.Name, r.Bytes, new ContentType("text", "html") { Charset = "utf-8" });
        }

        if (workbook is { } w)
        {
            body.Attachments.Add(w.Name, w.Bytes, ContentType.Parse(WorkbookMediaType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The subject template with its fields filled in.</summary>
    /// <exception cref="ArgumentException">The template names a field that is not in <see cref="MessageOptions.SubjectFields"/>.</exception>
    public static string Subject(string template, ReportModel model)
    {
        var counts = model.Scorecard.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        string Count(KpiStatus status) => counts.GetValueOrDefault(status).ToString(CultureInfo.InvariantCulture);
        var text = Field().Replace(template, match => match.Groups["name"].Value switch
        {
            "title" => model.Title,
            "period" => model.Period.Label,
            "range" => model.Period.DateRangeText,
            "prior" => model.PriorPeriod.Label,
            "on_target" => Count(KpiStatus.Green),
            "near_target" => Count(KpiStatus.Amber),
            "off_target" => Count(KpiStatus.Red),
            "without_data" => (model.Scorecard.Count - model.KpisReported).ToString(CultureInfo.InvariantCulture),
            var other => throw new ArgumentException(
                $"mail subject: unknown field {{{other}}} (known: {string.Join(", ", MessageOptions.SubjectFields)})"),
        });

        // A subject is one line: a title with a line break must not start a header of its own.
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }

    /// <summary>The plain-text part: the headline KPIs, for clients that show no HTML and for previews.</summary>
    private static string Text(ReportModel model, string? reportName, string? workbookName)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{model.Title} · {model.Period.Label}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{model.Period.DateRangeText} · compared with {model.PriorPeriod.Label}");
        text.AppendLine();
        foreach (var entry in model.Scorecard.Where(s => s.HasData))
        {
            var unit = entry.Kpi.Unit;
            var status = entry.StatusNote ?? KpiFormat.StatusMeaning(entry.Status);
            var target = entry.Target is { } t ? $", target {KpiFormat.Value(t, unit)}" : "";
            var change = entry.Delta is null ? "" : $", {KpiFormat.Delta(entry.Delta, unit)} vs {model.PriorPeriod.Label}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {entry.Kpi.Label}: {KpiFormat.Value(entry.Value, unit)} ({status}{target}{change})");
        }

        var missing = model.Scorecard.Count(s => !s.HasData);
        if (missing > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {missing} more KPIs have no data for this period.");
        }

        text.AppendLine();
        if (reportName is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The full report is attached as {reportName}.");
        }

        if (workbookName is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Every figure is in the attached workbook {workbookName}.");
        }
        return text.ToString();
    }

    private static MailboxAddress Address(string text, string field) =>
        MailboxAddress.TryParse(text, out var address)
            ? address
            : throw new ArgumentException($"mail.{field}: '{text}' is not an email address");

    [GeneratedRegex("\\{(?<name>[^{}]*)\\}", RegexOptions.CultureInvariant)]
    private static partial Regex Field();
}

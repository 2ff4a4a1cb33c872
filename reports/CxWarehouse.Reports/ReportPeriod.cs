using System.Globalization;
using System.Text.RegularExpressions;

namespace CxWarehouse.Reports;

/// <summary>
/// The period a report covers: an ISO 8601 week (Monday start) or a calendar month,
/// as a half-open date range in the reporting time zone.
/// </summary>
/// <param name="Label">File-name-safe label: <c>2026-W47</c> or <c>2026-11</c>.</param>
/// <param name="Grain"><c>week</c> or <c>month</c>, matching <c>kpi_values.period_grain</c>.</param>
/// <param name="Start">First day of the period.</param>
/// <param name="EndExclusive">First day after the period.</param>
public sealed partial record ReportPeriod(string Label, string Grain, DateOnly Start, DateOnly EndExclusive)
{
    /// <summary>Grain name of ISO-week periods.</summary>
    public const string WeekGrain = "week";

    /// <summary>Grain name of calendar-month periods.</summary>
    public const string MonthGrain = "month";

    /// <summary>
    /// Parses <c>2026-W47</c>, <c>2026-11</c>, <c>last-week</c> or <c>last-month</c> (case-insensitive).
    /// Relative forms resolve to the last complete ISO week or month ending on or before
    /// <paramref name="reference"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is none of the accepted forms; the message names it.</exception>
    public static ReportPeriod Parse(string text, DateOnly reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("last-week", StringComparison.OrdinalIgnoreCase))
        {
            return LatestCompleteWeek(reference);
        }

        if (trimmed.Equals("last-month", StringComparison.OrdinalIgnoreCase))
        {
            var lastDayOfMonth = new DateOnly(reference.Year, reference.Month, 1).AddMonths(1).AddDays(-1);
            var month = reference == lastDayOfMonth
                ? new DateOnly(reference.Year, reference.Month, 1)
                : new DateOnly(reference.Year, reference.Month, 1).AddMonths(-1);
            return Month(month.Year, month.Month);
        }

        var week = WeekPattern().Match(trimmed);
        if (week.Success)
        {
            var year = int.Parse(week.Groups[1].Value, CultureInfo.InvariantCulture);
            var number = int.Parse(week.Groups[2].Value, CultureInfo.InvariantCulture);
            if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
            {
                throw Bad(text, $"ISO year {year} has no week {number}");
            }

            return Week(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)));
        }

        var monthMatch = MonthPattern().Match(trimmed);
        if (monthMatch.Success)
        {
            var year = int.Parse(monthMatch.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(monthMatch.Groups[2].Value, CultureInfo.InvariantCulture);
            if (year is < 1 or > 9998 || month is < 1 or > 12)
            {
                throw Bad(text, "month must be 01-12");
            }

            return Month(year, month);
        }

        throw Bad(text, "expected yyyy-Www (ISO week), yyyy-MM, last-week or last-month");
    }

    /// <summary>The last complete ISO week ending on or before <paramref name="latestDataDate"/>.</summary>
    public static ReportPeriod LatestCompleteWeek(DateOnly latestDataDate)
    {
        // Days back to the most recent Sunday (0 when the date is a Sunday).
        var daysSinceSunday = (int)latestDataDate.DayOfWeek;
        var sunday = latestDataDate.AddDays(-daysSinceSunday);
        return Week(sunday.AddDays(-6));
    }

    /// <summary>The period of the same grain just before this one.</summary>
    public ReportPeriod Previous() =>
        Grain == WeekGrain ? Week(Start.AddDays(-7)) : Month(Start.AddMonths(-1).Year, Start.AddMonths(-1).Month);

    /// <summary>Human-readable date range, e.g. <c>2026-11-16 – 2026-11-22</c>.</summary>
    public string DateRangeText =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd} – {EndExclusive.AddDays(-1):yyyy-MM-dd}");

    private static ReportPeriod Week(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        var label = string.Create(
            CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date):0000}-W{ISOWeek.GetWeekOfYear(date):00}");
        return new ReportPeriod(label, WeekGrain, monday, monday.AddDays(7));
    }

    private static ReportPeriod Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        var label = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}");
        return new ReportPeriod(label, MonthGrain, start, start.AddMonths(1));
    }

    private static ArgumentException Bad(string text, string why) =>
        new($"Invalid report period '{text}': {why}.", nameof(text));

    [GeneratedRegex(@"^(\d{4})-[Ww](\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();
}

using System.Globalization;
using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Formatting;

/// <summary>Unit-aware text (HTML) and Excel number formats, always in the invariant culture.</summary>
/// <remarks>
/// Units: <c>pct</c> is stored 0-100, so deltas are percentage points; durations keep their stored unit
/// so a workbook cell equals the warehouse value.
/// </remarks>
internal static class KpiFormat
{
    public const string Missing = "—";

    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static string Value(double? value, string unit) => value is not { } v ? Missing : unit switch
    {
        "pct" => v.ToString("0.0", s_invariant) + "%",
        "score" => v.ToString("0.0", s_invariant),
        "seconds" => v.ToString("#,##0", s_invariant) + " s",
        "minutes" => v.ToString("#,##0.0", s_invariant) + " min",
        "hours" => v.ToString("#,##0.0", s_invariant) + " h",
        "currency" => v.ToString("#,##0.00", s_invariant),
        "count" => v.ToString("#,##0", s_invariant),
        "ratio" => v.ToString("0.00", s_invariant),
        _ => v.ToString("#,##0.##", s_invariant),
    };

    /// <summary>The value with its unit label: <c>400.01 GBP</c>, <c>14.71 per 1,000 won orders</c>.</summary>
    public static string Value(double? value, KpiUnit unit) => value is null ? Missing : Value(value, unit.Code) + Suffix(unit);

    /// <summary>The signed change with its unit label.</summary>
    public static string Delta(double? delta, KpiUnit unit) => delta is null ? Missing : Delta(delta, unit.Code) + Suffix(unit);

    /// <summary>
    /// The 95% margin of a value, e.g. <c>± 24.2</c>, <c>± 6.4 pts</c>, without the unit label the value before it
    /// carries; empty without one.
    /// </summary>
    public static string Margin(double? margin, KpiUnit unit) => margin is not { } m
        ? ""
        : "± " + (unit.Code == "pct" ? m.ToString("0.0", s_invariant) + " pts" : Value(m, unit.Code));

    private static string Suffix(KpiUnit unit) =>
        unit.Label is { Length: > 0 } label && unit.Code is "currency" or "ratio" or "count" ? " " + label : "";

    /// <summary>Excel number format for a value with its unit label.</summary>
    public static string ExcelFormat(KpiUnit unit) => ExcelFormat(unit.Code) + ExcelSuffix(unit);

    /// <summary>Excel number format for a signed change with its unit label.</summary>
    public static string ExcelDeltaFormat(KpiUnit unit)
    {
        var body = (unit.Code == "pct" ? "0.0\" pts\"" : ExcelFormat(unit.Code)) + ExcelSuffix(unit);
        return $"+{body};-{body};{body}";
    }

    private static string ExcelSuffix(KpiUnit unit) => Suffix(unit) is { Length: > 0 } suffix
        ? "\"" + suffix.Replace("\"", "", StringComparison.Ordinal) + "\""
        : "";

    /// <summary>Signed change, e.g. <c>+2.1 pts</c>, <c>-12 s</c>.</summary>
    public static string Delta(double? delta, string unit)
    {
        if (delta is not { } d)
        {
            return Missing;
        }

        var text = unit switch
        {
            "pct" => Math.Abs(d).ToString("0.0", s_invariant) + " pts",
            _ => Value(Math.Abs(d), unit),
        };
        // A change that rounds to zero gets no sign: "+0.0 pts" would read as a movement.
        var zero = text.All(c => !char.IsDigit(c) || c == '0');
        return zero ? text : (d > 0 ? "+" : "−") + text;
    }

    /// <summary>True when <paramref name="delta"/> is missing or shows as zero at the unit's precision.</summary>
    public static bool IsFlat(double? delta, string unit) =>
        delta is null || !Delta(delta, unit).StartsWith('+') && !Delta(delta, unit).StartsWith('−');

    public static string Count(long? value) => value is { } v ? v.ToString("#,##0", s_invariant) : Missing;

    public static string Percentile(double? value) => value is { } v ? v.ToString("0", s_invariant) : Missing;

    public static string Fraction(double? share) =>
        share is { } s ? (s * 100).ToString("0", s_invariant) + "%" : Missing;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", s_invariant);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", s_invariant);

    /// <summary>A 0-100 percentage, e.g. <c>45.0%</c>.</summary>
    public static string Percent(double? value) => Value(value, "pct");

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", s_invariant) + " d" : Missing;

    public static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm", s_invariant);

    public static string Age(TimeSpan? age)
    {
        if (age is not { } a)
        {
            return Missing;
        }

        if (a < TimeSpan.Zero)
        {
            return "in the future";
        }

        return a.TotalHours < 48
            ? a.TotalHours.ToString("0", s_invariant) + " h"
            : a.TotalDays.ToString("0.0", s_invariant) + " days";
    }

    public static string WeekLabel(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(s_invariant, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    public static string StatusText(KpiStatus status) => status switch
    {
        KpiStatus.Green => "Green",
        KpiStatus.Amber => "Amber",
        KpiStatus.Red => "Red",
        _ => "No target",
    };

    public static string StatusMeaning(KpiStatus status) => status switch
    {
        KpiStatus.Green => "on target",
        KpiStatus.Amber => "near target",
        KpiStatus.Red => "off target",
        _ => "no target",
    };

    public static string Direction(string direction) =>
        string.Equals(direction, "lower", StringComparison.OrdinalIgnoreCase) ? "Lower is better" : "Higher is better";

    /// <summary>The unit's name with its label: "GBP" for money in pounds, "per 1,000 won orders" for a rate.</summary>
    public static string UnitName(KpiUnit unit) =>
        unit.Label is { Length: > 0 } label && unit.Code is "currency" or "ratio" or "count" ? label : UnitName(unit.Code);

    public static string UnitName(string unit) => unit switch
    {
        "pct" => "%",
        "score" => "score",
        "seconds" => "seconds",
        "minutes" => "minutes",
        "hours" => "hours",
        "currency" => "currency",
        "count" => "count",
        "ratio" => "ratio",
        _ => unit,
    };

    /// <summary>Excel number format for a value in <paramref name="unit"/>.</summary>
    public static string ExcelFormat(string unit) => unit switch
    {
        "pct" => "0.0\"%\"",
        "score" => "0.0",
        "seconds" => "#,##0\" s\"",
        "minutes" => "#,##0.0\" min\"",
        "hours" => "#,##0.0\" h\"",
        "currency" => "#,##0.00",
        "count" => "#,##0",
        "ratio" => "0.00",
        _ => "#,##0.##",
    };

    /// <summary>Excel number format for a tolerance band (percentage points for <c>pct</c>).</summary>
    public static string ExcelToleranceFormat(string unit) => unit == "pct" ? "0.0\" pts\"" : ExcelFormat(unit);

    /// <summary>Excel number format for a signed change in <paramref name="unit"/>.</summary>
    public static string ExcelDeltaFormat(string unit)
    {
        var body = unit switch
        {
            "pct" => "0.0\" pts\"",
            _ => ExcelFormat(unit),
        };
        return $"+{body};-{body};{body}";
    }
}

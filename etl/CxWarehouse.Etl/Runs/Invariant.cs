using System.Globalization;

namespace CxWarehouse.Etl.Runs;

/// <summary>
/// Values as every log line and error writes them (reliability.md item 35): dates and times in ISO 8601, numbers
/// in the invariant culture, whatever the machine's locale.
/// </summary>
public static class Invariant
{
    public static string Text(object? value) => value switch
    {
        null or DBNull => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d when d.TimeOfDay == TimeSpan.Zero && d.Kind != DateTimeKind.Utc => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.Kind == DateTimeKind.Utc ? "yyyy-MM-ddTHH:mm:ss.FFFFFFZ" : "yyyy-MM-ddTHH:mm:ss.FFFFFF",
            CultureInfo.InvariantCulture),
        DateTimeOffset d => d.Offset == TimeSpan.Zero
            ? d.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFZ", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Whether a value is a number, date or time: never personal data, so never masked.</summary>
    public static bool IsMeasure(object? value) => value is null or DBNull or DateOnly or DateTime or DateTimeOffset
        or TimeOnly or TimeSpan or bool or byte or sbyte or short or ushort or int or uint or long or ulong or float
        or double or decimal or System.Numerics.BigInteger or Int128 or UInt128;
}

namespace CxWarehouse.Reports.Tests;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly s_anyDay = new(2026, 11, 25);

    [Theory]
    [InlineData("2026-W47", "2026-W47", "2026-11-16", "2026-11-23")]
    [InlineData("2026-w47", "2026-W47", "2026-11-16", "2026-11-23")]
    [InlineData(" 2026-W01 ", "2026-W01", "2025-12-29", "2026-01-05")]
    [InlineData("2020-W53", "2020-W53", "2020-12-28", "2021-01-04")]
    [InlineData("2027-W1", "2027-W01", "2027-01-04", "2027-01-11")]
    public void Parse_IsoWeek_MondayToMonday(string text, string label, string start, string end)
    {
        var period = ReportPeriod.Parse(text, s_anyDay);

        Assert.Equal(label, period.Label);
        Assert.Equal(ReportPeriod.WeekGrain, period.Grain);
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.EndExclusive);
        Assert.Equal(DayOfWeek.Monday, period.Start.DayOfWeek);
    }

    [Theory]
    [InlineData("2026-11", "2026-11", "2026-11-01", "2026-12-01")]
    [InlineData("2026-12", "2026-12", "2026-12-01", "2027-01-01")]
    [InlineData("2024-2", "2024-02", "2024-02-01", "2024-03-01")]
    public void Parse_Month_WholeMonth(string text, string label, string start, string end)
    {
        var period = ReportPeriod.Parse(text, s_anyDay);

        Assert.Equal(label, period.Label);
        Assert.Equal(ReportPeriod.MonthGrain, period.Grain);
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.EndExclusive);
    }

    [Theory]
    [InlineData("2026-11-22", "2026-W47")] // Sunday: its own week is complete
    [InlineData("2026-11-21", "2026-W46")] // Saturday: the week before
    [InlineData("2026-11-23", "2026-W47")] // Monday: the week that just ended
    [InlineData("2026-01-03", "2025-W52")] // across the year boundary
    [InlineData("2027-01-03", "2026-W53")] // 2026 has 53 ISO weeks
    public void Parse_LastWeek_LastCompleteIsoWeek(string reference, string label)
    {
        var period = ReportPeriod.Parse("last-week", DateOnly.Parse(reference));

        Assert.Equal(label, period.Label);
        Assert.True(period.EndExclusive <= DateOnly.Parse(reference).AddDays(1));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11")] // last day of the month: complete
    [InlineData("2026-11-29", "2026-10")]
    [InlineData("2026-12-01", "2026-11")]
    [InlineData("2027-01-15", "2026-12")]
    public void Parse_LastMonth_LastCompleteMonth(string reference, string label)
    {
        var period = ReportPeriod.Parse("LAST-MONTH", DateOnly.Parse(reference));

        Assert.Equal(label, period.Label);
        Assert.Equal(ReportPeriod.MonthGrain, period.Grain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("2026-W00")]
    [InlineData("2026-W54")]
    [InlineData("2021-W53")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-11-16")]
    [InlineData("26-W47")]
    [InlineData("last-year")]
    [InlineData("../../etc")]
    public void Parse_BadText_ArgumentExceptionNamingIt(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReportPeriod.Parse(text, s_anyDay));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("text", ex.ParamName);
    }

    [Fact]
    public void LatestCompleteWeek_WeekEndingOnOrBeforeDate()
    {
        Assert.Equal("2026-W47", ReportPeriod.LatestCompleteWeek(new DateOnly(2026, 11, 22)).Label);
        Assert.Equal("2026-W46", ReportPeriod.LatestCompleteWeek(new DateOnly(2026, 11, 20)).Label);
    }

    [Fact]
    public void Previous_WeekAndMonth_PeriodBefore()
    {
        Assert.Equal("2026-W46", ReportPeriod.Parse("2026-W47", s_anyDay).Previous().Label);
        Assert.Equal("2025-W52", ReportPeriod.Parse("2026-W01", s_anyDay).Previous().Label);
        Assert.Equal("2025-12", ReportPeriod.Parse("2026-01", s_anyDay).Previous().Label);
    }
}

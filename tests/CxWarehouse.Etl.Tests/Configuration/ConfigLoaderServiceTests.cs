using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Configuration;

/// <summary>The <c>service:</c> section: business hours, location overrides, holidays and SLA targets.</summary>
public sealed class ConfigLoaderServiceTests
{
    private static CxConfig Parse(string yaml) =>
        ConfigLoader.Parse(Path.Combine(Path.GetTempPath(), "cxwarehouse.yml"), new StringReader(yaml));

    private static ConfigException Error(string yaml) => Assert.Throws<ConfigException>(() => Parse(yaml));

    [Fact]
    public void Parse_NoServiceSection_MondayToFridayNineToFiveNoHolidaysNoTargets()
    {
        var service = Parse("project: x\n").Service;

        Assert.Equal([1, 2, 3, 4, 5], service.BusinessHours.Select(h => h.IsoWeekday));
        Assert.All(service.BusinessHours, h => Assert.Equal(
            (null, TimeSpan.FromHours(9), TimeSpan.FromHours(17)), (h.LocationId, h.Opens, h.Closes)));
        Assert.Empty(service.Holidays);
        Assert.Empty(service.SlaTargets);
    }

    [Fact]
    public void Parse_FullSection_ReadsHoursOverridesHolidaysAndTargets()
    {
        var service = Parse("""
            service:
              business_hours:
                mon-fri: "09:00-12:00, 13:00-18:00"
                sat: 10:00-16:00
                sun: closed
              locations:
                NYC: { mon-fri: "08:00-20:00", sat: closed, sun: "00:00-24:00" }
              holidays:
                - { date: 2026-12-25, name: Christmas Day }
                - { date: 2026-10-01, until: 2026-10-03, name: National Day, locations: [SHA, SZX] }
              sla:
                email: { first_response: 24h, clock: business }
                chat: { first_response: 2m, clock: calendar }
                social: { first_response: 1h30m }
            """).Service;

        var defaults = service.BusinessHours.Where(h => h.LocationId is null).ToList();
        Assert.Equal(11, defaults.Count); // two ranges on five weekdays, one on Saturday, none on Sunday
        Assert.Contains(new OpeningHours(null, 3, TimeSpan.FromHours(13), TimeSpan.FromHours(18)), defaults);
        Assert.Contains(new OpeningHours(null, 6, TimeSpan.FromHours(10), TimeSpan.FromHours(16)), defaults);
        var nyc = service.BusinessHours.Where(h => h.LocationId == "NYC").ToList();
        Assert.Equal(7, nyc.Count);
        Assert.Contains(new OpeningHours("NYC", 6, null, null), nyc); // closed on Saturday, overriding the default
        Assert.Contains(new OpeningHours("NYC", 7, TimeSpan.Zero, TimeSpan.FromHours(24)), nyc);
        Assert.Equal(7, service.Holidays.Count); // Christmas everywhere, three days at two locations
        Assert.Contains(new Holiday(new DateOnly(2026, 10, 2), "National Day", "SZX"), service.Holidays);
        Assert.Contains(new Holiday(new DateOnly(2026, 12, 25), "Christmas Day", null), service.Holidays);
        Assert.Equal(
            [
                new SlaTarget("email", 1440, "business"),
                new SlaTarget("chat", 2, "calendar"),
                new SlaTarget("social", 90, "business"),
            ],
            service.SlaTargets);
    }

    [Fact]
    public void Load_CommittedSampleConfig_HasHoursHolidaysAndTargets()
    {
        var service = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "cxwarehouse.yml")).Service;

        Assert.Contains(service.BusinessHours, h => h.LocationId == "NYC");
        Assert.Contains(service.Holidays, h => h.Date == new DateOnly(2026, 12, 25) && h.LocationId is null);
        Assert.Contains(service.SlaTargets, t => t.Channel == "chat" && t.Clock == "calendar");
    }

    [Theory]
    [InlineData("18:00-09:00", "closes before it opens")]
    [InlineData("09:00-09:00", "closes before it opens")]
    [InlineData("09:00-13:00, 12:00-17:00", "the ranges 09:00-13:00 and 12:00-17:00 overlap")]
    [InlineData("9-5", "is not a range of local times")]
    [InlineData("09:00-25:00", "not between 00:00 and 24:00")]
    [InlineData("09:61-17:00", "not between 00:00 and 24:00")]
    [InlineData("24:00-24:00", "not between 00:00 and 24:00")]
    public void Parse_BadHours_NamesFileLineAndColumnOfTheValue(string hours, string reason)
    {
        var error = Error($"service:\n  business_hours:\n    mon-fri: \"{hours}\"\n");

        Assert.StartsWith("cxwarehouse.yml:3:14: service.business_hours.mon-fri: ", error.Message,
            StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("funday")]
    [InlineData("fri-mon")]
    [InlineData("mon-tue-wed")]
    [InlineData("Mon")]
    public void Parse_UnknownWeekday_NamesFileLineAndColumnOfTheKey(string day)
    {
        var error = Error($"service:\n  business_hours:\n    sat: 10:00-16:00\n    {day}: 09:00-17:00\n");

        Assert.StartsWith($"cxwarehouse.yml:4:5: service.business_hours.{day}: '{day}' is not a day", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DayGivenTwice_IsAnError()
    {
        var error = Error("service:\n  locations:\n    NYC:\n      mon-fri: 08:00-20:00\n      fri: 08:00-16:00\n");

        Assert.StartsWith("cxwarehouse.yml:5:7: service.locations.NYC.fri: fri is already given by 'mon-fri'",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlappingRangesInALocationOverride_NamesTheLocation()
    {
        var error = Error("service:\n  locations:\n    NYC: { sat: \"10:00-14:00, 13:30-16:00\" }\n");

        Assert.StartsWith("cxwarehouse.yml:3:17: service.locations.NYC.sat: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24 hours")]
    [InlineData("soon")]
    [InlineData("0m")]
    [InlineData("2d")]
    [InlineData("-1h")]
    public void Parse_BadDuration_NamesFileLineAndColumn(string duration)
    {
        var error = Error($"service:\n  sla:\n    email:\n      first_response: {duration}\n");

        Assert.StartsWith("cxwarehouse.yml:4:23: service.sla.email.first_response: ", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("is not a duration such as 24h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownClock_ListsTheClocks()
    {
        var error = Error("service:\n  sla:\n    chat: { first_response: 2m, clock: wall }\n");

        Assert.StartsWith("cxwarehouse.yml:3:40: service.sla.chat.clock: 'wall' is not one of business, calendar",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlaWithoutFirstResponse_IsAnError()
    {
        var error = Error("service:\n  sla:\n    chat: { clock: calendar }\n");

        Assert.Contains("cxwarehouse.yml:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("service.sla.chat.first_response: a value is required", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("25/12/2026")]
    public void Parse_BadHolidayDate_NamesFileLineAndColumn(string date)
    {
        var error = Error($"service:\n  holidays:\n    - {{ date: {date}, name: Christmas }}\n");

        Assert.StartsWith($"cxwarehouse.yml:3:15: service.holidays[0].date: '{date}' is not a date (YYYY-MM-DD)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HolidayEndingBeforeItStarts_IsAnError()
    {
        var error = Error("service:\n  holidays:\n    - date: 2026-10-07\n      until: 2026-10-01\n");

        Assert.StartsWith("cxwarehouse.yml:4:7: service.holidays[0].until: must be on or after the date",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service:\n  opening_hours:\n    mon: 09:00-17:00\n",
        "cxwarehouse.yml:2:3: unknown key 'service.opening_hours'")]
    [InlineData("service:\n  holidays:\n    - { date: 2026-12-25, closed: true }\n",
        "cxwarehouse.yml:3:27: unknown key 'service.holidays[0].closed'")]
    [InlineData("service:\n  sla:\n    chat: { first_response: 2m, resolution: 1h }\n",
        "cxwarehouse.yml:3:33: unknown key 'service.sla.chat.resolution'")]
    [InlineData("service:\n  holidays:\n    - { date: 2026-12-25, locations: [\"New York\"] }\n",
        "cxwarehouse.yml:3:27: service.holidays[0].locations: 'New York' is not a location code")]
    [InlineData("service:\n  locations:\n    NYC: 08:00-20:00\n",
        "cxwarehouse.yml:3:10: service.locations.NYC: expected the location's hours")]
    public void Parse_OtherMistakes_NameFileLineAndColumn(string yaml, string expected)
    {
        Assert.StartsWith(expected, Error(yaml).Message, StringComparison.Ordinal);
    }
}

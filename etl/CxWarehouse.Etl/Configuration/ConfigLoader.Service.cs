using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CxWarehouse.Etl.Configuration;

/// <summary>The <c>service:</c> section: business hours, per-location overrides, holidays and SLA targets.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] s_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static ServiceSettings ReadService(YamlReader yaml)
    {
        if (yaml.Map("service") is not { } service)
        {
            return new ServiceSettings();
        }
        service.OnlyKeys("business_hours", "locations", "holidays", "sla");
        var hours = new List<OpeningHours>();
        if (service.Map("business_hours") is { } week)
        {
            hours.AddRange(ReadWeek(week, null));
        }
        else
        {
            hours.AddRange(ServiceSettings.DefaultHours);
        }
        if (service.Map("locations") is { } locations)
        {
            foreach (var (code, node, body) in locations.Entries())
            {
                if (!LocationPattern().IsMatch(code))
                {
                    throw locations.Error(code, $"'{code}' is not a location code (letters, digits, - and _)");
                }
                if (body is null)
                {
                    throw locations.Error(node,
                        $"{locations.Qualified(code)}: expected the location's hours, such as "
                        + "{ mon-fri: \"08:00-20:00\" }");
                }
                hours.AddRange(ReadWeek(body, code));
            }
        }

        var holidays = new List<Holiday>();
        foreach (var h in service.MapList("holidays"))
        {
            holidays.AddRange(ReadHoliday(h));
        }

        var targets = new List<SlaTarget>();
        if (service.Map("sla") is { } sla)
        {
            foreach (var (channel, node, body) in sla.Entries())
            {
                if (!NamePattern().IsMatch(channel))
                {
                    throw sla.Error(channel,
                        "a channel is lower-case letters, digits and underscores, as in the tickets");
                }
                if (body is null)
                {
                    throw sla.Error(node,
                        $"{sla.Qualified(channel)}: expected {{ first_response: 24h, clock: business }}");
                }
                body.OnlyKeys("first_response", "clock");
                var text = body.RequiredString("first_response");
                var minutes = DurationMinutes(text)
                    ?? throw body.Error(body.ValueNode("first_response")!,
                        $"{body.Qualified("first_response")}: '{text}' is not a duration such as 24h, 90m, 1h30m "
                        + "or 45s");
                targets.Add(new SlaTarget(channel, minutes, body.OneOf("clock", "business", "calendar") ?? "business"));
            }
        }
        return new ServiceSettings { BusinessHours = hours, Holidays = holidays, SlaTargets = targets };
    }

    /// <summary>A week of opening hours: keys are days or day ranges, values one or more ranges or "closed".</summary>
    private static List<OpeningHours> ReadWeek(YamlReader week, string? location)
    {
        var rows = new List<OpeningHours>();
        var givenBy = new string?[8];
        foreach (var (key, node, _) in week.Entries())
        {
            var days = Days(key) ?? throw week.Error(key,
                $"'{key}' is not a day (mon, tue, wed, thu, fri, sat, sun) or a range of days such as mon-fri");
            foreach (var day in days)
            {
                if (givenBy[day] is { } earlier)
                {
                    throw week.Error(key, $"{s_days[day - 1]} is already given by '{earlier}'");
                }
                givenBy[day] = key;
            }
            if (node is not YamlScalarNode { Value: { } text })
            {
                throw week.Error(node, $"{week.Qualified(key)}: expected hours such as \"09:00-18:00\" or \"closed\"");
            }
            var ranges = Ranges(text, out var problem) ?? throw week.Error(node, $"{week.Qualified(key)}: {problem}");
            if (ranges.Count == 0 && location is null)
            {
                continue; // a day the default week does not list is closed anyway
            }
            foreach (var day in days)
            {
                rows.AddRange(ranges.Count == 0
                    ? [new OpeningHours(location, day, null, null)]
                    : ranges.Select(r => new OpeningHours(location, day, r.Opens, r.Closes)));
            }
        }
        return rows;
    }

    /// <summary>ISO weekdays (1 = Monday) of "mon", or of "mon-fri"; null when the text is neither.</summary>
    private static int[]? Days(string key)
    {
        var parts = key.Split('-');
        var first = Array.IndexOf(s_days, parts[0]) + 1;
        var last = parts.Length == 2 ? Array.IndexOf(s_days, parts[1]) + 1 : first;
        if (parts.Length > 2 || first == 0 || last == 0 || last < first)
        {
            return null;
        }
        return Enumerable.Range(first, last - first + 1).ToArray();
    }

    /// <summary>"09:00-12:00, 13:00-17:00" in order of opening, none for "closed"; null with a reason when bad.</summary>
    private static List<(TimeSpan Opens, TimeSpan Closes)>? Ranges(string text, out string? problem)
    {
        problem = null;
        if (text.Trim() == "closed")
        {
            return [];
        }
        var ranges = new List<(TimeSpan Opens, TimeSpan Closes)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = RangePattern().Match(part);
            if (!match.Success)
            {
                problem = $"'{part}' is not a range of local times such as 09:00-18:00 (or \"closed\")";
                return null;
            }
            var opens = ClockTime(match.Groups[1].Value);
            var closes = ClockTime(match.Groups[2].Value);
            if (opens is null || closes is null || opens.Value.TotalHours >= 24)
            {
                problem = $"'{part}' has a time that is not between 00:00 and 24:00";
                return null;
            }
            if (closes <= opens)
            {
                problem = $"'{part}' closes before it opens "
                    + "(hours past midnight belong on the next day, and a day can close at 24:00)";
                return null;
            }
            ranges.Add((opens.Value, closes.Value));
        }
        ranges.Sort();
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Opens < ranges[i - 1].Closes)
            {
                problem = $"'{text}': the ranges {Format(ranges[i - 1])} and {Format(ranges[i])} overlap";
                return null;
            }
        }
        return ranges;

        static string Format((TimeSpan Opens, TimeSpan Closes) r) =>
            $"{(int)r.Opens.TotalHours:00}:{r.Opens.Minutes:00}-{(int)r.Closes.TotalHours:00}:{r.Closes.Minutes:00}";
    }

    private static TimeSpan? ClockTime(string text)
    {
        var hours = int.Parse(text[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(text[3..], CultureInfo.InvariantCulture);
        return hours > 24 || minutes > 59 || (hours == 24 && minutes > 0)
            ? null
            : new TimeSpan(hours, minutes, 0);
    }

    private static List<Holiday> ReadHoliday(YamlReader h)
    {
        h.OnlyKeys("date", "until", "name", "locations");
        var date = HolidayDate(h, "date") ?? throw h.Error("date", "a holiday needs its date (YYYY-MM-DD)");
        var until = HolidayDate(h, "until") ?? date;
        if (until < date || until.DayNumber - date.DayNumber > 366)
        {
            throw h.Error("until", "must be on or after the date, and within a year of it");
        }
        var locations = h.StringList("locations");
        if (locations.FirstOrDefault(l => !LocationPattern().IsMatch(l)) is { } bad)
        {
            throw h.Error("locations", $"'{bad}' is not a location code (letters, digits, - and _)");
        }
        var name = h.String("name");
        var days = Enumerable.Range(date.DayNumber, until.DayNumber - date.DayNumber + 1)
            .Select(DateOnly.FromDayNumber);
        return days.SelectMany(day => locations.Count == 0
                ? [new Holiday(day, name, null)]
                : locations.Distinct(StringComparer.Ordinal).Select(l => new Holiday(day, name, l)))
            .ToList();
    }

    private static DateOnly? HolidayDate(YamlReader h, string key)
    {
        var text = h.String(key);
        if (text is null)
        {
            return null;
        }
        var valid = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date);
        return valid
            ? date
            : throw h.Error(h.ValueNode(key)!, $"{h.Qualified(key)}: '{text}' is not a date (YYYY-MM-DD)");
    }

    /// <summary>Minutes in "24h", "90m", "1h30m", "45s" or "1.5h"; null when not such a positive duration.</summary>
    private static double? DurationMinutes(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
        {
            return null;
        }
        double Part(int group, double scale) => match.Groups[group].Success
            ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) * scale
            : 0;
        var minutes = Part(1, 60) + Part(2, 1) + Part(3, 1 / 60.0);
        return minutes > 0 ? minutes : null;
    }

    [GeneratedRegex("^([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})$")]
    private static partial Regex RangePattern();

    [GeneratedRegex("^(?:([0-9]+(?:\\.[0-9]+)?)h)?(?:([0-9]+(?:\\.[0-9]+)?)m)?(?:([0-9]+(?:\\.[0-9]+)?)s)?$")]
    private static partial Regex DurationPattern();
}

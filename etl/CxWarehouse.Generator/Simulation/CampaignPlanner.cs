using System.Globalization;
using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Simulation;

/// <summary>
/// Plans the campaigns up front (a few dozen per year at scale 1) and answers which campaigns run on a
/// day at a location. Kept in memory: its size grows with scale but is tiny next to any output file.
/// </summary>
internal sealed class CampaignPlanner
{
    private static readonly string[] s_types = ["Email", "Social", "Paid Search", "Event", "Print"];
    private static readonly double[] s_typeWeights = [0.3, 0.25, 0.25, 0.1, 0.1];

    private readonly List<CampaignInfo> _campaigns = [];
    private readonly List<int>[] _weeks;
    private readonly DateOnly _origin;

    public CampaignPlanner(GeneratorOptions options)
    {
        var days = options.End.DayNumber - options.Start.DayNumber + 1;
        var count = Math.Max(4, (int)Math.Round(36 * days / 365.0 * options.Scale));
        _origin = options.Start.AddDays(-120);
        var cutoff = options.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var planned = new List<CampaignInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var rng = Prng.For(options.Seed, 0xCA4B, (ulong)i);
            var type = s_types[rng.PickWeighted(s_typeWeights)];
            var start = options.Start.AddDays(rng.Next(-60, days + 20));
            var length = type switch
            {
                "Email" => rng.Next(1, 15),
                "Social" => rng.Next(14, 46),
                "Paid Search" => rng.Next(30, 91),
                "Event" => rng.Next(1, 4),
                _ => rng.Next(14, 61),
            };
            var end = start.AddDays(length);
            Location? location = rng.Chance(0.7) ? rng.Pick(StudioCatalog.Locations) : null;
            var segment = (Segment)rng.Next(3);
            if (start.Month is 10 or 11 or 12 && rng.Chance(0.5))
            {
                segment = Segment.Portrait;
            }
            else if (start.Month is >= 1 and <= 4 && rng.Chance(0.5))
            {
                segment = Segment.Wedding;
            }

            var currency = location?.Currency ?? "GBP";
            var rate = currency switch { "GBP" => 1.0, "USD" => 1.3, "CNY" => 9.0, _ => 6.5 };
            var baseCost = type switch
            {
                "Email" => rng.Uniform(150, 1200),
                "Social" => rng.Uniform(500, 4500),
                "Paid Search" => rng.Uniform(1500, 12000),
                "Event" => rng.Uniform(2000, 15000),
                _ => rng.Uniform(300, 3000),
            } * rate * (location is null ? 2.0 : 1.0);
            var budget = (decimal)(Math.Round(baseCost / 50) * 50);
            var endDay = options.End;
            string status;
            decimal actual;
            if (end < endDay)
            {
                status = "Completed";
                actual = Math.Round(budget * (decimal)rng.Uniform(0.75, 1.1), 2);
            }
            else if (start <= endDay)
            {
                status = "In Progress";
                var elapsed = (endDay.DayNumber - start.DayNumber + 1) / (double)(length + 1);
                actual = Math.Round(budget * (decimal)(elapsed * rng.Uniform(0.85, 1.05)), 2);
            }
            else
            {
                status = "Planned";
                actual = 0m;
            }

            var created = Clock.AtLocal(start.AddDays(-rng.Next(7, 45)), rng.Uniform(9, 18), Clock.London);
            if (created >= cutoff)
            {
                // Planned campaigns starting after the export were still created before it.
                created = cutoff.AddHours(-rng.Uniform(2, 24 * 10));
            }

            var modifiedDay = end.AddDays(rng.Next(1, 10));
            var modified = Clock.AtLocal(modifiedDay, rng.Uniform(9, 18), Clock.London);
            if (modified >= cutoff)
            {
                modified = Clock.Max(created, cutoff.AddHours(-rng.Next(2, 200)));
            }

            var theme = segment switch
            {
                Segment.Wedding => rng.Pick(["Wedding Season", "Spring Weddings", "Wedding Fair", "Say Yes"]),
                Segment.Event =>
                    rng.Pick(["Corporate Events", "Summer Parties", "Team Headshots", "Conference Season"]),
                _ => rng.Pick(["Christmas Portraits", "Mother's Day", "Family Minis", "Black Friday Portraits"]),
            };
            planned.Add(new CampaignInfo
            {
                Name = string.Create(CultureInfo.InvariantCulture,
                    $"{start:yyyy-MM} {location?.Code ?? "ALL"} {theme} - {type}"),
                Type = type,
                Location = location,
                StartDate = start,
                EndDate = end,
                Budget = budget,
                Actual = actual,
                Currency = currency,
                Status = status,
                Created = created,
                Modified = modified,
                Segment = segment,
            });
        }

        // Ids in creation order, as Salesforce assigns them.
        planned.Sort((a, b) =>
            a.Created != b.Created ? a.Created.CompareTo(b.Created) : string.CompareOrdinal(a.Name, b.Name));
        var ids = new IdCounter("701", 3_000_000_000L + (options.Seed & 0xFFFF));
        foreach (var campaign in planned)
        {
            campaign.Id = ids.Next();
            _campaigns.Add(campaign);
        }

        _weeks = new List<int>[((options.End.DayNumber - _origin.DayNumber) / 7) + 30];
        for (var w = 0; w < _weeks.Length; w++)
        {
            _weeks[w] = [];
        }

        for (var i = 0; i < _campaigns.Count; i++)
        {
            var c = _campaigns[i];
            var first = Math.Max(0, (c.StartDate.DayNumber - _origin.DayNumber) / 7);
            var last = Math.Min(_weeks.Length - 1, (c.EndDate.DayNumber - _origin.DayNumber) / 7);
            for (var w = first; w <= last; w++)
            {
                _weeks[w].Add(i);
            }
        }
    }

    public IReadOnlyList<CampaignInfo> Campaigns => _campaigns;

    /// <summary>A campaign running on the day for the location (or all locations), preferring the type; null if
    /// none.</summary>
    public CampaignInfo? Active(DateOnly day, Location location, string? type, Segment segment, Prng rng)
    {
        var week = (day.DayNumber - _origin.DayNumber) / 7;
        if (week < 0 || week >= _weeks.Length)
        {
            return null;
        }

        CampaignInfo? best = null;
        var seen = 0;
        foreach (var i in _weeks[week])
        {
            var c = _campaigns[i];
            if (c.StartDate > day || c.EndDate < day || (c.Location is not null && c.Location != location)
                || c.Status == "Planned" || (type is not null && c.Type != type))
            {
                continue;
            }

            // Reservoir pick, weighted towards the person's segment.
            var weight = c.Segment == segment ? 3 : 1;
            seen += weight;
            if (rng.Next(seen) < weight)
            {
                best = c;
            }
        }

        return best;
    }
}

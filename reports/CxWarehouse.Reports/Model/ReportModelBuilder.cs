using System.Globalization;
using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;

namespace CxWarehouse.Reports.Model;

/// <summary>Turns a <see cref="WarehouseSnapshot"/> into the <see cref="ReportModel"/> both renderers show.</summary>
/// <remarks>
/// One owner per rule: status, peer rank and percentile, change, interval and significance come from
/// <c>marts.benchmark</c> and are only formatted here. A warehouse without the mart (or a KPI it does not carry)
/// shows the value of <c>marts.kpi_values</c> with no status, change, verdict or ranking: nothing is recomputed.
/// </remarks>
internal static class ReportModelBuilder
{
    public const int TrendWeekCount = 12;
    public const int MaxChanges = 6;

    /// <summary>Dimensions always shown in the benchmark, even when empty; others only when present.</summary>
    public static readonly IReadOnlyList<string> CoreDimensions = ["location", "channel", "agent"];

    private static readonly string[] s_dimensionOrder = ["location", "channel", "agent", "segment", "platform"];

    private static readonly TimeSpan s_warnAge = TimeSpan.FromHours(26);
    private static readonly TimeSpan s_staleAge = TimeSpan.FromHours(50);

    /// <summary>Mondays of the 12 weeks up to the last full week ending by the period's end, oldest first.</summary>
    public static IReadOnlyList<DateOnly> TrendWeeks(ReportPeriod period)
    {
        var lastDay = period.EndExclusive.AddDays(-7);
        var lastMonday = lastDay.AddDays(-(((int)lastDay.DayOfWeek + 6) % 7));
        return [.. Enumerable.Range(0, TrendWeekCount).Select(i => lastMonday.AddDays(-7 * (TrendWeekCount - 1 - i)))];
    }

    public static ReportModel Build(
        WarehouseSnapshot snapshot,
        ReportOptions options,
        DateTimeOffset generatedAtUtc,
        TimeZoneInfo timeZone)
    {
        var period = options.Period;
        var prior = period.Previous();
        var weeks = TrendWeeks(period);
        var values = snapshot.Values ?? [];
        var kpis = KpiList(snapshot.Registry ?? [], values);
        var benchmark = IndexBenchmark(snapshot.Benchmark, period.Start);
        var priorBenchmark = IndexBenchmark(snapshot.Benchmark, prior.Start);

        var current = Index(values.Where(v => v.Grain == period.Grain && v.PeriodStart == period.Start));
        var previous = Index(values.Where(v => v.Grain == period.Grain && v.PeriodStart == prior.Start));
        var weekly = values
            .Where(v => v.Grain == ReportPeriod.WeekGrain && IsAll(v.Dimension))
            .GroupBy(v => (v.Kpi, v.PeriodStart))
            .ToDictionary(g => g.Key, g => g.First().Value);
        var kpisWithAnyRow = values.Select(v => v.Kpi).ToHashSet(StringComparer.Ordinal);
        var missingInputs = (snapshot.Availability ?? [])
            .Where(a => !a.IsAvailable && a.Missing is not null)
            .GroupBy(a => a.Kpi, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Missing!, StringComparer.Ordinal);
        var quality = DataQuality(snapshot, generatedAtUtc);

        var scorecard = kpis
            .Select(kpi => Scorecard(
                kpi, current, previous, benchmark, priorBenchmark, weekly, weeks, kpisWithAnyRow, period)
                is var entry && missingInputs.TryGetValue(kpi.Kpi, out var missing) && !entry.HasData
                    // The warehouse says what the KPI lacks in this period ("no NPS answers in the surveys data").
                    ? entry with { MissingReason = "not available: " + missing }
                    : entry)
            .ToList();

        return new ReportModel
        {
            Title = options.Title,
            Period = period,
            PriorPeriod = prior,
            GeneratedAt = TimeZoneInfo.ConvertTime(generatedAtUtc, timeZone),
            TimeZone = timeZone,
            TimeZoneId = options.ReportingTimeZone,
            ShowPersonalData = options.ShowPersonalData,
            Kpis = kpis,
            HasRegistry = snapshot.Registry is { Count: > 0 },
            HasValues = values.Count > 0,
            Scorecard = scorecard,
            TrendWeeks = weeks,
            Benchmarks = Benchmarks(kpis, benchmark),
            Changes = Changes(scorecard),
            Voice = snapshot.Voice,
            KeyDrivers = snapshot.KeyDrivers,
            FollowUps = snapshot.FollowUps,
            FollowUpOwners = snapshot.FollowUpOwners,
            EmergingTopics = snapshot.EmergingTopics,
            Competitors = snapshot.Competitors,
            CustomersAtRisk = snapshot.CustomersAtRisk,
            DataQuality = quality,
            Journey = Journey(snapshot, period),
            FreshnessWarning = Warning(quality, timeZone),
        };
    }

    private static List<KpiDefinition> KpiList(
        IReadOnlyList<KpiDefinition> registry, IReadOnlyList<KpiValueRecord> values)
    {
        var list = registry.GroupBy(k => k.Kpi, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var known = list.Select(k => k.Kpi).ToHashSet(StringComparer.Ordinal);
        var extra = values.Select(v => v.Kpi).Where(k => !known.Contains(k)).Distinct().Order(StringComparer.Ordinal);
        var order = list.Count == 0 ? 0 : list.Max(k => k.DisplayOrder);
        list.AddRange(extra.Select((kpi, i) => KpiDefinition.Unregistered(kpi, order + 1 + i)));
        return list;
    }

    private static ScorecardEntry Scorecard(
        KpiDefinition kpi,
        Dictionary<(string, string, string), KpiValueRecord> current,
        Dictionary<(string, string, string), KpiValueRecord> previous,
        Dictionary<(string, string, string), BenchmarkRecord> benchmark,
        Dictionary<(string, string, string), BenchmarkRecord> priorBenchmark,
        Dictionary<(string, DateOnly), double?> weekly,
        IReadOnlyList<DateOnly> weeks,
        HashSet<string> kpisWithAnyRow,
        ReportPeriod period)
    {
        var key = Key(kpi.Kpi, "all", "");
        current.TryGetValue(key, out var row);
        previous.TryGetValue(key, out var priorRow);
        benchmark.TryGetValue(key, out var bench);
        priorBenchmark.TryGetValue(key, out var priorBench);

        double? value, target, priorValue, delta;
        KpiStatus status, priorStatus;
        long? n;
        bool lowSample;
        if (bench is not null)
        {
            // The mart's row is the authority: nothing of it is recomputed here.
            (value, target, priorValue, delta, n, lowSample) =
                (bench.Value, bench.Target, bench.PriorValue, bench.Delta, bench.N, bench.IsLowSample);
            status = KpiRules.ParseStatus(bench.Status);
            priorStatus = KpiRules.ParseStatus(priorBench?.Status);
        }
        else
        {
            // No mart row: the value as kpi_values has it, with no status, change or verdict of the report's own.
            (value, target, priorValue, delta, n, lowSample) =
                (row?.Value, kpi.Target, priorRow?.Value, null, row?.N, row?.IsLowSample ?? false);
            (status, priorStatus) = (KpiStatus.None, KpiStatus.None);
        }

        // Where the registry says the value cannot mean what its target assumes, it is shown without a status.
        var statusNote = bench?.NoStatusReason ?? row?.NoStatusReason;
        if (statusNote is not null)
        {
            status = KpiStatus.None;
        }
        var hasData = row is not null || bench is not null;
        string? missing = null;
        if (!hasData)
        {
            missing = kpisWithAnyRow.Contains(kpi.Kpi)
                ? $"not available: no data for {period.Label}"
                : NotConfigured(kpi.Source);
        }

        return new ScorecardEntry(
            kpi,
            hasData,
            missing,
            value,
            target,
            bench?.Baseline,
            bench?.Baseline is null ? "" : bench.BaselineSource,
            priorValue,
            delta,
            status,
            priorStatus,
            n,
            lowSample,
            [.. weeks.Select(w => weekly.TryGetValue((kpi.Kpi, w), out var v) ? v : null)])
        {
            StatusNote = statusNote,
            Margin = bench?.Margin,
            IsChangeSignificant = bench?.IsChangeSignificant,
        };
    }

    /// <summary>The "not available" text for a source with no data.</summary>
    public static string NotConfigured(string? source) =>
        string.IsNullOrWhiteSpace(source)
            ? "not available: no data configured"
            : $"not available: no {source.Trim()} data configured";

    private static List<KeyValuePair<string, IReadOnlyList<BenchmarkGroup>>> Benchmarks(
        IReadOnlyList<KpiDefinition> kpis,
        Dictionary<(string, string, string), BenchmarkRecord> benchmark)
    {
        var present = benchmark.Keys
            .Select(k => k.Item2)
            .Where(d => !IsAll(d))
            .ToHashSet(StringComparer.Ordinal);
        var dimensions = s_dimensionOrder
            .Where(d => CoreDimensions.Contains(d) || present.Contains(d))
            .Concat(present.Where(d => !s_dimensionOrder.Contains(d)).Order(StringComparer.Ordinal));

        var result = new List<KeyValuePair<string, IReadOnlyList<BenchmarkGroup>>>();
        foreach (var dimension in dimensions)
        {
            var groups = new List<BenchmarkGroup>();
            foreach (var kpi in kpis)
            {
                var peers = MartPeers(kpi, dimension, benchmark);
                if (peers.Count > 0)
                {
                    groups.Add(new BenchmarkGroup(dimension, kpi, peers));
                }
            }

            result.Add(new(dimension, groups));
        }

        return result;
    }

    /// <summary>
    /// The peers of one KPI and dimension as the mart ranks them (ties share the better rank there); the order of
    /// equal ranks is by name, for a stable table.
    /// </summary>
    private static List<BenchmarkEntry> MartPeers(
        KpiDefinition kpi, string dimension, Dictionary<(string, string, string), BenchmarkRecord> benchmark) =>
        [.. benchmark
            .Where(b => b.Key.Item1 == kpi.Kpi && b.Key.Item2 == dimension)
            .Select(b => b.Value)
            .OrderBy(b => b.PeerRank is null)
            .ThenBy(b => b.PeerRank)
            .ThenBy(b => b.DimensionValue, StringComparer.Ordinal)
            .Select(b => new BenchmarkEntry(
                b.PeerRank,
                b.DimensionValue,
                b.Value,
                b.N,
                b.PeerPercentile,
                KpiRules.ParseStatus(b.Status),
                b.IsLowSample,
                b.Delta)
            {
                Margin = b.Margin,
                PeerGap = b.PeerGap,
                IsPeerGapSignificant = b.IsPeerGapSignificant,
            })];

    private static List<ChangeEntry> Changes(IReadOnlyList<ScorecardEntry> scorecard)
    {
        var candidates = scorecard
            .Where(s => s.Value is not null && s.Prior is not null && !KpiFormat.IsFlat(s.Delta, s.Kpi.Unit))
            .Select(s => new ChangeEntry(
                s,
                Math.Abs(s.Delta!.Value) / Math.Max(Math.Abs(s.Prior!.Value), 1.0),
                KpiRules.Improvement(s.Delta, s.Kpi),
                s.Status != s.PriorStatus && s.Status != KpiStatus.None && s.PriorStatus != KpiStatus.None))
            // Real changes first (the mart's verdict), then those without a verdict, then the ones within noise;
            // by relative size within each.
            .OrderBy(c => c.IsSignificant switch { true => 0, null => 1, false => 2 })
            .ThenByDescending(c => c.Score)
            .ThenBy(c => c.Entry.Kpi.DisplayOrder)
            .ToList();
        var top = candidates.Take(MaxChanges).ToList();
        top.AddRange(candidates.Skip(MaxChanges).Where(c => c.StatusChanged || c.IsSignificant == true));
        return top;
    }

    private static DataQualityModel DataQuality(WarehouseSnapshot snapshot, DateTimeOffset generatedAtUtc)
    {
        var run = snapshot.LatestRun;
        var runTime = run?.EndedAt ?? run?.StartedAt;
        var runAge = runTime is { } t ? generatedAtUtc - t : (TimeSpan?)null;
        var reference = run?.StartedAt ?? generatedAtUtc;
        var streams = snapshot.StreamRuns?.Select(s =>
        {
            long? difference =
                s is { RowsRead: { } read, RowsLoaded: { } loaded, RowsQuarantined: { } q, RowsDeduplicated: { } d }
                    ? read - (loaded + q + d)
                    : null;
            var reconciliation = difference switch
            {
                null => Reconciliation.Unknown,
                0 => Reconciliation.Ok,
                _ => Reconciliation.Mismatch,
            };
            var age = s.AgeHours is { } hours
                ? TimeSpan.FromHours(hours)
                : s.LatestRecordAt is { } latest ? reference - latest : (TimeSpan?)null;
            var estimated = s.Freshness is null;
            var freshness = estimated ? Classify(age) : ParseFreshness(s.Freshness!);
            return new StreamQuality(s, reconciliation, difference, freshness, age, estimated);
        }).ToList();
        return new DataQualityModel(snapshot.HasRunsTable, run, runAge, Classify(runAge), streams)
        {
            Orphans = snapshot.Orphans,
        };
    }

    private static FreshnessWarning? Warning(DataQualityModel quality, TimeZoneInfo timeZone)
    {
        var late = quality.LateStreams;
        if (late.Count == 0)
        {
            return null;
        }

        var total = quality.Streams?.Count ?? late.Count;
        var isError = late.Any(s => s.Freshness == Freshness.Error);
        var headline = string.Create(
            CultureInfo.InvariantCulture,
            $"⚠ {(isError ? "Stale data" : "Late data")}: {late.Count} of {total} "
            + $"{(total == 1 ? "stream was" : "streams were")} past {(late.Count == 1 ? "its" : "their")} freshness "
            + $"limit at the latest run, so this report may miss recent activity.");
        var details = string.Join("; ", late.Select(s =>
        {
            var verdict = s.Freshness == Freshness.Error ? "stale" : "late";
            var latest = s.Run.LatestRecordAt is { } l
                ? $" ({KpiFormat.Timestamp(TimeZoneInfo.ConvertTime(l, timeZone))})"
                : "";
            return $"{s.Name} {verdict}, newest record {KpiFormat.Age(s.Age)} old{latest}";
        })) + ". See Data quality.";
        return new FreshnessWarning(headline, details, isError);
    }

    /// <summary>The run's verdict; an empty or unknown value means no thresholds were configured.</summary>
    private static Freshness ParseFreshness(string freshness) => freshness switch
    {
        "fresh" => Freshness.Fresh,
        "warn" => Freshness.Warn,
        "error" => Freshness.Error,
        _ => Freshness.NoThreshold,
    };

    /// <summary>The report's own estimate for warehouses that predate the run's verdict.</summary>
    private static Freshness Classify(TimeSpan? age) => age switch
    {
        null => Freshness.Unknown,
        { } a when a >= s_staleAge => Freshness.Error,
        { } a when a >= s_warnAge => Freshness.Warn,
        _ => Freshness.Fresh,
    };

    private static JourneyModel Journey(WarehouseSnapshot snapshot, ReportPeriod period)
    {
        var funnelRows = snapshot.JourneyFunnel;
        List<FunnelStage>? funnel = null;
        var channels = new List<ChannelFunnel>();
        var stages = new List<string>();
        if (funnelRows is not null)
        {
            var all = funnelRows.Where(r => IsAll(r.Segment)).ToList();
            funnel = [.. all.Where(r => IsAll(r.Channel)).OrderBy(r => r.StageOrder).Select(Stage)];
            stages = [.. all
                .GroupBy(r => r.Stage, StringComparer.Ordinal)
                .OrderBy(g => g.Min(r => r.StageOrder))
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)];
            channels = [.. all
                .Where(r => !IsAll(r.Channel))
                .GroupBy(r => r.Channel, StringComparer.Ordinal)
                .Select(g => new ChannelFunnel(g.Key, [.. g.OrderBy(r => r.StageOrder).Select(Stage)]))
                .OrderByDescending(c => c.Stages.FirstOrDefault()?.Customers ?? 0)
                .ThenBy(c => c.Channel, StringComparer.Ordinal)];
        }

        var paths = snapshot.JourneyPaths;
        IReadOnlyList<CohortRow>? cohorts = null;
        var monthsSince = 0;
        if (snapshot.CohortRetention is { } retention)
        {
            monthsSince = retention.Count == 0 ? 0 : retention.Max(r => r.MonthsSince) + 1;
            cohorts = [.. retention
                .GroupBy(r => r.CohortMonth)
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var byMonth = g.GroupBy(r => r.MonthsSince).ToDictionary(m => m.Key, m => m.First().RetentionPct);
                    return new CohortRow(
                        g.Key,
                        g.Select(r => r.CohortCustomers).FirstOrDefault(c => c is not null),
                        [.. Enumerable.Range(0, monthsSince).Select(m => byMonth.GetValueOrDefault(m))]);
                })];
        }

        return new JourneyModel
        {
            Month = funnelRows is { Count: > 0 } ? snapshot.JourneyMonth : null,
            ReportMonth = Data.WarehouseReader.ReportMonth(period),
            Funnel = funnel,
            Stages = stages,
            Channels = channels,
            BuyerPaths = paths is null ? null : [.. paths.Where(p => p.PathKind == "buyer")],
            NonBuyerPaths = paths is null ? null : [.. paths.Where(p => p.PathKind == "non_buyer")],
            Cohorts = cohorts,
            MonthsSinceCount = monthsSince,
        };

        static FunnelStage Stage(JourneyFunnelRecord r) => new(
            r.Stage, r.StageOrder, r.Customers, r.ReachedNext, r.ConversionPct, r.DropOffPct, r.MedianDaysToNext);
    }

    private static Dictionary<(string, string, string), BenchmarkRecord> IndexBenchmark(
        IReadOnlyList<BenchmarkRecord>? rows, DateOnly periodStart) =>
        (rows ?? [])
            .Where(b => b.PeriodStart == periodStart)
            .GroupBy(b => Key(b.Kpi, b.Dimension, b.DimensionValue))
            .ToDictionary(g => g.Key, g => g.First());

    private static Dictionary<(string, string, string), KpiValueRecord> Index(IEnumerable<KpiValueRecord> rows) =>
        rows.GroupBy(r => Key(r.Kpi, r.Dimension, r.DimensionValue)).ToDictionary(g => g.Key, g => g.First());

    private static (string, string, string) Key(string kpi, string dimension, string dimensionValue)
    {
        var dim = dimension.Trim().ToLowerInvariant();
        return IsAll(dim) ? (kpi, "all", "") : (kpi, dim, dimensionValue);
    }

    private static bool IsAll(string dimension) =>
        string.Equals(dimension.Trim(), "all", StringComparison.OrdinalIgnoreCase);
}
